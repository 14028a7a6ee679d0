package dev.rill.codec.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmfObjectTest {
    @Test
    void ofKeepsOrderAndTypedGettersCheckTheType() {
        AmfObject o = AmfObject.of("code", "NetStream.Play.Start", "level", "status", "n", 3, "ok", true);
        assertThat(o.keySet()).containsExactly("code", "level", "n", "ok");
        assertThat(o.getString("code")).isEqualTo("NetStream.Play.Start");
        assertThat(o.getString("n")).isNull();
        assertThat(o.getString("absent")).isNull();
        assertThat(o.getNumber("n")).isEqualTo(3.0);
        assertThat(o.getNumber("code")).isNull();
        assertThat(o.getBoolean("ok")).isTrue();
        assertThat(o.getBoolean("n")).isNull();
        assertThat(o.className()).isNull();
    }

    @Test
    void ofRefusesOddArgumentsAndNonStringKeys() {
        assertThatThrownBy(() -> AmfObject.of("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AmfEcmaArray.of(1, "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classNameTakesPartInEqualityBetweenAmfObjects() {
        AmfObject plain = AmfObject.of("x", 1.0);
        AmfObject typed = AmfObject.of("x", 1.0).className("Foo");
        assertThat(typed).isNotEqualTo(plain);
        assertThat(plain).isNotEqualTo(typed);
        assertThat(typed).isEqualTo(AmfObject.of("x", 1.0).className("Foo"));
        assertThat(typed.hashCode()).isEqualTo(plain.hashCode());
        Map<String, Object> map = new LinkedHashMap<>(Map.of("x", 1.0));
        assertThat(plain).isEqualTo(map);
        assertThat(map).isEqualTo(plain);
        assertThat(typed.toString()).isEqualTo("Foo{x=1.0}");
    }
}
