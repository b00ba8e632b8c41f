#include "cli/exit_status.hpp"

#include <gtest/gtest.h>

#include <string>

namespace idx::cli {
namespace {

TEST(ExitStatusHelp, ACommandListsOnlyItsOwnCodes) {
    const std::string stats = exit_status_help("stats");
    EXPECT_EQ(stats.rfind("Exit status:\n", 0), 0u) << stats;
    EXPECT_NE(stats.find("  0   success\n"), std::string::npos) << stats;
    EXPECT_EQ(stats.find("  1 "), std::string::npos) << stats;   // stats never ends with 1
    EXPECT_EQ(stats.find("  75 "), std::string::npos) << stats;  // nor waits for the lock
    const std::string search = exit_status_help("search");
    EXPECT_NE(search.find("  1   nothing matched\n"), std::string::npos) << search;
    EXPECT_EQ(search.find("--wait"), std::string::npos) << search;
}

TEST(ExitStatusHelp, ContinuationLinesAreIndentedUnderTheMeaning) {
    const std::string add = exit_status_help("add");
    EXPECT_NE(add.find("the rest were indexed.\n      A failure is reported once"), std::string::npos) << add;
}

TEST(ExitStatusHelp, TheWholeTableNamesTheCommandsOfEachMeaning) {
    const std::string all = exit_status_help("");
    EXPECT_NE(all.find("  1   add: files failed"), std::string::npos) << all;
    EXPECT_NE(all.find("      search, facets: nothing matched\n"), std::string::npos) << all;
    EXPECT_NE(all.find("  70  internal error in idx"), std::string::npos) << all;  // one meaning: no command list
    EXPECT_NE(all.find("  75  the database is locked"), std::string::npos) << all;
}

}  // namespace
}  // namespace idx::cli
