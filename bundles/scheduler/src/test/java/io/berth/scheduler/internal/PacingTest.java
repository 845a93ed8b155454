package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PacingTest {

    private final MutableClock clock = new MutableClock();
    private final Pacing pacing = new Pacing(Duration.ofMillis(200), Duration.ofSeconds(1), clock);

    /** Waits like the job engine until the thing, which takes {@code takes}, is seen done; the number of looks. */
    private int await(String id, Duration takes) {
        var began = clock.instant();
        int looks = 1;
        while (Duration.between(began, clock.instant()).compareTo(takes) < 0) {
            clock.advance(pacing.stillWaiting("clone", id, null));
            looks++;
        }
        pacing.done("clone", id, null);
        return looks;
    }

    @Test
    void withoutALearnedTimeItLooksEveryMaxInterval() {
        assertThat(pacing.stillWaiting("clone", "a", null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacing.stillWaiting("clone", "a", null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void beforeAnyEndedALaterWaitIsNotLookedAtBeforeItWaitedAsLongAsTheOldest() {
        assertThat(pacing.stillWaiting("guest", "first", clock.instant())).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(3));
        assertThat(pacing.stillWaiting("guest", "first", null)).as("the oldest itself").isEqualTo(Duration.ofSeconds(1));

        assertThat(pacing.stillWaiting("guest", "later", clock.instant())).isEqualTo(Duration.ofMillis(2700));
        clock.advance(Duration.ofMillis(2700));
        assertThat(pacing.stillWaiting("guest", "later", null)).isEqualTo(Duration.ofMillis(2430)); // 0.9 x 5.7 s - 2.7 s
        assertThat(pacing.stillWaiting("clone", "other-kind", clock.instant())).isEqualTo(Duration.ofSeconds(1));

        pacing.done("guest", "first", null); // learned now: the learned time applies
        assertThat(pacing.stillWaiting("guest", "later", null))
                .isEqualTo(pacing.learned("guest").multipliedBy(9).dividedBy(10).minus(Duration.ofMillis(2700)));
    }

    @Test
    void anOldWaitThatNeverEndsHoldsTheOthersBackOnlyUpToTheCap() {
        pacing.stillWaiting("guest", "no-agent", clock.instant().minusSeconds(120));

        assertThat(pacing.stillWaiting("guest", "new", clock.instant()))
                .isEqualTo(Pacing.FLOOR_CAP.multipliedBy(9).dividedBy(10));
    }

    @Test
    void learnsHowLongAKindTakesAndLooksShortlyBeforeThenOften() {
        var began = clock.instant();
        await("a", Duration.ofMillis(1500)); // looks at 1 s and 2 s: learned about 1.5 s
        assertThat(pacing.learned("clone")).isBetween(Duration.ofMillis(1400), Duration.ofMillis(1600));

        for (int i = 0; i < 20; i++) {
            await("clone-" + i, Duration.ofMillis(1500));
        }
        began = clock.instant();
        int looks = await("last", Duration.ofMillis(1500));

        assertThat(Duration.between(began, clock.instant())).as("seen done soon after it is")
                .isLessThanOrEqualTo(Duration.ofMillis(1750));
        assertThat(looks).isLessThanOrEqualTo(4);
        assertThat(pacing.learned("clone")).as("no drift upwards").isLessThan(Duration.ofMillis(1700));
    }

    @Test
    void aPersistedStartCountsAndLooksNeverExceedTheMax() {
        pacing.done("guest", "x", clock.instant().minusSeconds(6)); // learned: 6 s
        clock.advance(Duration.ofSeconds(1));

        Duration next = pacing.stillWaiting("guest", "job-1", clock.instant().minusMillis(5000));

        assertThat(next).isEqualTo(Duration.ofMillis(400)); // first look at 0.9 x 6 s = 5.4 s
        clock.advance(Duration.ofSeconds(30));
        assertThat(pacing.stillWaiting("guest", "job-1", null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aNewWaitIsFirstLookedAtShortlyBeforeTheLearnedTimeEvenBeyondTheMax() {
        pacing.done("guest", "x", clock.instant().minusSeconds(6)); // learned: 6 s

        assertThat(pacing.stillWaiting("guest", "job-2", clock.instant())).isEqualTo(Duration.ofMillis(5400));
        clock.advance(Duration.ofMillis(5400));
        assertThat(pacing.stillWaiting("guest", "job-2", null)).isEqualTo(Duration.ofMillis(200)); // 6 s / 32, at least the min
        clock.advance(Duration.ofMillis(6600)); // 12 s: twice the learned time, overdue
        assertThat(pacing.stillWaiting("guest", "job-2", null)).isEqualTo(Duration.ofMillis(1000)); // 12 s / 8, at most max
    }

    @Test
    void aroundTheLearnedTimeLooksComeEveryThirtySecondOfIt() {
        pacing.done("guest", "x", clock.instant().minusSeconds(16)); // learned: 16 s

        assertThat(pacing.stillWaiting("guest", "job-3", clock.instant())).isEqualTo(Duration.ofMillis(14400));
        clock.advance(Duration.ofMillis(14400));
        assertThat(pacing.stillWaiting("guest", "job-3", null)).isEqualTo(Duration.ofMillis(500)); // 16 s / 32
        clock.advance(Duration.ofMillis(1600)); // 16 s: a look right at the learned time, still close
        assertThat(pacing.stillWaiting("guest", "job-3", null)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theExpectedTimeIsTheLearnedOneOrBeforeThatTheAgeOfTheOldestWaitStillGoing() {
        assertThat(pacing.expected("clone")).as("nothing known").isZero();

        pacing.stillWaiting("clone", "a", clock.instant());
        clock.advance(Duration.ofMillis(700));
        assertThat(pacing.expected("clone")).isEqualTo(Duration.ofMillis(700));
        assertThat(pacing.expected("resize")).as("another kind").isZero();

        clock.advance(Duration.ofMillis(800));
        pacing.done("clone", "a", null);
        assertThat(pacing.expected("clone")).isEqualTo(pacing.learned("clone"));
    }
}
