package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The incident and exercise ids share RecordId: every spelling a person may type, and what is refused. */
class RecordIdProperties {

    @Property
    void everySpellingOfAPositiveIdIsThatId(@ForAll @LongRange(min = 1) long id) {
        for (String written : new String[] {"INC-" + id, "inc-" + id, "Inc-" + id, String.valueOf(id),
                "  INC-" + id + "\t"}) {
            assertThat(RecordId.parse(written, "INC", "incident", "arbiter incident list")).isEqualTo(id);
        }
    }

    @Property
    void zeroAndNegativeIdsAreRefused(@ForAll @LongRange(min = Long.MIN_VALUE + 1, max = 0) long id) {
        assertThatThrownBy(() -> RecordId.parse("EX-" + id, "EX", "exercise", "arbiter exercise list"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordId.parse(String.valueOf(id), "EX", "exercise", "arbiter exercise list"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void anotherRecordsPrefixOrNoNumberIsRefusedWithWhatToWrite() {
        for (String written : new String[] {"EX-3", "INC-", "INC-3a", "INC 3", "", "99999999999999999999"}) {
            assertThatThrownBy(() -> RecordId.parse(written, "INC", "incident", "arbiter incident list"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ID: '" + written + "' is not an incident id; write INC-3 or 3"
                            + " (arbiter incident list shows them)");
        }
    }
}
