package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's waits and memory, on a clock the test moves. */
class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AuthThrottle throttle = new AuthThrottle(now::get);

    @Test
    void fiveFailuresThenAWaitThatDoublesWithEachFurtherFailure() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 1; i < AuthThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.failed(a)).isEqualTo(new AuthThrottle.Failure(i, 0));
            assertThat(throttle.waitMs(a)).isZero();
        }
        assertThat(throttle.failed(a).waitMs()).isEqualTo(AuthThrottle.FIRST_WAIT_MS);
        assertThat(throttle.waitMs(a)).isEqualTo(1000);
        now.addAndGet(400);
        assertThat(throttle.waitMs(a)).isEqualTo(600);
        now.addAndGet(600);
        assertThat(throttle.waitMs(a)).isZero();
        assertThat(throttle.failed(a).waitMs()).isEqualTo(2000);
        now.addAndGet(2000);
        assertThat(throttle.failed(a).waitMs()).isEqualTo(4000);
        for (int i = 0; i < 30; i++) {
            now.addAndGet(AuthThrottle.MAX_WAIT_MS);
            throttle.failed(a);
        }
        assertThat(throttle.waitMs(a)).isEqualTo(AuthThrottle.MAX_WAIT_MS);
    }

    @Test
    void addressesAreCountedApartButAnIpv6HostByItsSlash64() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            throttle.failed(a);
        }
        assertThat(throttle.waitMs(a)).isPositive();
        assertThat(throttle.waitMs(InetAddress.getByName("192.0.2.2"))).isZero();
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            throttle.failed(InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertThat(throttle.waitMs(InetAddress.getByName("2001:db8:1:2:ffff::9"))).isPositive();
        assertThat(throttle.waitMs(InetAddress.getByName("2001:db8:1:3::1"))).isZero();
    }

    @Test
    void successOrALongQuietForgetsAnAddress() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < AuthThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed(a);
        }
        throttle.succeeded(a);
        assertThat(throttle.failed(a).failures()).isEqualTo(1);
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            throttle.failed(a);
        }
        now.addAndGet(AuthThrottle.FORGET_MS + AuthThrottle.MAX_WAIT_MS);
        assertThat(throttle.waitMs(a)).isZero();
        assertThat(throttle.failed(a).failures()).isEqualTo(1);
    }

    @Test
    void rememberedAddressesAreBounded() throws Exception {
        for (int i = 0; i < AuthThrottle.MAX_TRACKED + 500; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[]{10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertThat(throttle.tracked()).isEqualTo(AuthThrottle.MAX_TRACKED);
    }
}
