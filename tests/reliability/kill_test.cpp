// Kill at any moment: `idx add` on 3,000 generated posts, SIGKILLed at a
// random (seeded) moment of a first build, an incremental run or a reindex
// of everything, ten times. After each kill the database must open, pass
// xapian-check and answer searches, and the next run must converge to one
// up-to-date document per post. tests/stress/kill-loop does 100 trials on
// real posts.

#include <gtest/gtest.h>

#include <iostream>

#include "tests/reliability/kill_trial.hpp"
#include "tests/support/generated_posts.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::test {
namespace {

TEST(KillAtAnyMoment, EveryKilledRunLeavesAnIndexTheNextRunRepairs) {
    TempDir dir("idx-kill");
    write_generated_posts(dir / "posts", 0, 3000, 41);
    KillLoop loop({IDX_BINARY, dir / "posts", dir.path(), 42});
    ASSERT_EQ(loop.calibrate(), "");
    for (int number = 1; number <= 10; ++number) {
        const TrialReport report = loop.trial(number);
        std::cout << report.line() << "\n";
        EXPECT_TRUE(report.clean()) << report.line();
    }
}

}  // namespace
}  // namespace idx::test
