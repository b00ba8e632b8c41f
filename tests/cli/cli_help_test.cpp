// What `idx --help`, `idx --version` and each `idx COMMAND --help` print, as a
// user meets them: every command listed, the exit status lines of each help
// taken from the one table (cli/exit_status.cpp), a version naming Xapian.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/exit_status.hpp"
#include "tests/support/cli_test.hpp"

namespace idx::test {
namespace {

const std::vector<std::string> kCommands = {"add", "search", "facets", "stats", "rm", "roots"};

class IdxHelp : public CliTest {
protected:
};

TEST_F(IdxHelp, TopLevelHelpListsEveryCommandAndTheWholeExitStatusTable) {
    const Exit r = idx({"--help"});
    EXPECT_EQ(r.code, 0) << r.err;
    for (const std::string& command : kCommands)
        EXPECT_NE(r.out.find("\n  " + command + " "), std::string::npos) << command << "\n" << r.out;
    EXPECT_NE(r.out.find(cli::exit_status_help("")), std::string::npos) << r.out;
    EXPECT_EQ(idx({"help"}).out, r.out);
}

TEST_F(IdxHelp, EachCommandsHelpEndsWithItsOwnExitStatusLines) {
    for (const std::string& command : kCommands) {
        const Exit r = idx({command, "--help"});
        EXPECT_EQ(r.code, 0) << command << ": " << r.err;
        EXPECT_NE(r.out.find("idx " + command), std::string::npos) << r.out;
        EXPECT_NE(r.out.find(cli::exit_status_help(command)), std::string::npos) << command << "\n" << r.out;
    }
}

TEST_F(IdxHelp, VersionNamesIdxAndTheXapianItRunsWith) {
    const Exit r = idx({"--version"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("idx ", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("(Xapian 1.4."), std::string::npos) << r.out;
    EXPECT_EQ(r.out.back(), '\n');
}

TEST_F(IdxHelp, NoCommandOrAnUnknownOneIsAUsageErrorOnStderr) {
    const Exit none = idx({});
    EXPECT_EQ(none.code, 2);
    EXPECT_TRUE(none.out.empty()) << none.out;
    EXPECT_NE(none.err.find("Usage: idx COMMAND"), std::string::npos) << none.err;
    const Exit unknown = idx({"serch", "x"});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("'serch' is not a command"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace idx::test
