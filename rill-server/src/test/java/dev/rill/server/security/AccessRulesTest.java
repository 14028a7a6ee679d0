package dev.rill.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.config.ReferConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.SecurityConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SRS's security and refer rules, table-driven, read from real config text. */
class AccessRulesTest {

    @ParameterizedTest(name = "[{0}] {1} from {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // no security block, or disabled: everyone
            "|publish|10.0.0.1|allow",
            "enabled off; deny publish all;|publish|10.0.0.1|allow",
            // enabled without rules: SRS denies everyone
            "enabled on;|play|10.0.0.1|deny",
            // only deny rules: what they do not match is allowed
            "enabled on; deny publish 10.0.0.1;|publish|10.0.0.1|deny",
            "enabled on; deny publish 10.0.0.1;|publish|10.0.0.2|allow",
            "enabled on; deny publish 10.0.0.1;|play|10.0.0.1|allow",
            // allow rules: what they do not match is denied
            "enabled on; allow play all;|play|192.168.1.9|allow",
            "enabled on; allow play all;|publish|192.168.1.9|deny",
            "enabled on; allow publish 127.0.0.1;|publish|127.0.0.1|allow",
            "enabled on; allow publish 127.0.0.1;|publish|127.0.0.2|deny",
            // deny is checked before allow, whatever the order in the file
            "enabled on; allow publish all; deny publish 10.0.0.5;|publish|10.0.0.5|deny",
            "enabled on; allow publish all; deny publish 10.0.0.5;|publish|10.0.0.6|allow",
            // CIDR blocks
            "enabled on; allow publish 10.0.0.0/8;|publish|10.200.3.4|allow",
            "enabled on; allow publish 10.0.0.0/8;|publish|11.0.0.1|deny",
            "enabled on; deny play 192.168.0.0/16; allow play all;|play|192.168.44.1|deny",
            "enabled on; deny play 192.168.0.0/16; allow play all;|play|192.169.0.1|allow",
            "enabled on; allow play 0.0.0.0/0;|play|8.8.8.8|allow",
            "enabled on; allow play 1.2.3.4/32;|play|1.2.3.4|allow",
            "enabled on; allow play 1.2.3.4/32;|play|1.2.3.5|deny",
            // IPv6
            "enabled on; allow play ::1;|play|0:0:0:0:0:0:0:1|allow",
            "enabled on; deny play ::1;|play|::1|deny"})
    void security(String rules, String action, String ip, String expected) {
        SecurityConfig sec = vhost(rules == null ? "" : "security { " + rules + " }").security("__defaultVhost__");
        String denied = AccessRules.checkSecurity(sec, action.equals("publish"), ip);
        assertThat(denied == null ? "allow" : "deny").isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] {1} from {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "enabled off; all example.com;|play|http://evil.org/|allow",
            "enabled on; all example.com;|play|http://example.com/page|allow",
            "enabled on; all example.com;|play|https://www.example.com:8080/a?b|allow",
            "enabled on; all example.com;|play|http://evilexample.com/|deny",
            "enabled on; all example.com;|play|http://example.com.evil.org/|deny",
            "enabled on; all example.com;|play|''|deny",
            "enabled on; all example.com;|play|example.com|deny",
            "enabled on; all a.com b.com;|publish|http://b.com/x|allow",
            "enabled on; publish a.com;|publish|http://a.com/|allow",
            "enabled on; publish a.com;|publish|http://b.com/|deny",
            "enabled on; publish a.com;|play|http://b.com/|allow",
            "enabled on; play b.com;|play|http://B.COM/|allow",
            "enabled on; play .b.com;|play|http://x.b.com/|allow"})
    void refer(String rules, String action, String pageUrl, String expected) {
        ReferConfig refer = vhost("refer { " + rules + " }").refer("__defaultVhost__");
        boolean publish = action.equals("publish");
        String denied = AccessRules.checkReferAll(refer, pageUrl);
        if (denied == null) {
            denied = AccessRules.checkReferStream(refer, publish, pageUrl);
        }
        assertThat(denied == null ? "allow" : "deny").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "allow publish 10.0.0.300;",
            "allow publish 10.0.0.0/33;",
            "allow publish example.com;",
            "allow publish;"})
    void badRulesAreConfigErrors(String rule) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vhost("security { enabled on; " + rule + " }"))
                .hasMessageContaining("test.conf:1");
    }

    @org.junit.jupiter.api.Test
    void denialNamesTheRule() {
        SecurityConfig sec = vhost("security { enabled on; deny play 10.0.0.0/8; }").security("__defaultVhost__");
        assertThat(AccessRules.checkSecurity(sec, false, "10.1.1.1")).contains("deny play 10.0.0.0/8 (test.conf:1)");
        assertThat(sec.rules()).hasSize(1);
        assertThat(List.of(sec.rules().get(0).allow())).containsExactly(false);
    }

    private static RillConfig vhost(String body) {
        return RillConfig.parse("vhost __defaultVhost__ { " + body + " }", Path.of("test.conf"));
    }
}
