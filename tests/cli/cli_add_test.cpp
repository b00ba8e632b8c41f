// idx add as cron and scripts see them: the real binary on a
// temporary folder and database, stdout and stderr not terminals.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <regex>
#include <thread>

#include "tests/cli/json_schema.hpp"
#include "tests/cli/post_folder_test.hpp"
#include "tests/support/cli_test.hpp"
#include "tests/support/param_name.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

// Each test in a temporary folder (CliFolder gives dir(), posts(), db(), options() and idx()).
class IdxAdd : public PostFolderTest {};

TEST_F(IdxAdd, FirstRunCountsAndAnUnchangedRerunTouchesNothing) {
    write_good_post("one", "harbour", 1);
    write_good_post("two", "harbour", 2);
    write_good_post("three", "garden", 3);
    write_file(posts() / "about.md", "No front matter: not a post.\n");

    const json first = add_json({posts().string()});
    EXPECT_EQ(first["files"], 4);
    EXPECT_EQ(first["added"], 3);
    EXPECT_EQ(first["updated"], 0);
    EXPECT_EQ(first["removed"], 0);
    EXPECT_EQ(first["unchanged"], 0);
    EXPECT_EQ(first["skipped"], 1);
    EXPECT_EQ(first["errors"], json::array());
    EXPECT_EQ(first["documents"], 3);
    EXPECT_EQ(first["reindexed_all"], false);

    const json again = add_json({posts().string()});
    EXPECT_EQ(again["added"], 0);
    EXPECT_EQ(again["updated"], 0);
    EXPECT_EQ(again["removed"], 0);
    EXPECT_EQ(again["unchanged"], 3);
    EXPECT_EQ(again["documents"], 3);
}

TEST_F(IdxAdd, EditDeleteAndAddGiveExactCounts) {
    for (int i = 1; i <= 5; ++i) write_good_post("post" + std::to_string(i), "harbour", i);
    add_json({posts().string()});

    edit_delete_add_touch("post6", 6);

    const json summary = add_json({posts().string()});
    EXPECT_EQ(summary["added"], 1);
    EXPECT_EQ(summary["updated"], 1);
    EXPECT_EQ(summary["removed"], 2);
    EXPECT_EQ(summary["unchanged"], 2);
    EXPECT_EQ(summary["documents"], 4);
    EXPECT_EQ(search_json("zeppelin")["total"], 1);
    EXPECT_EQ(search_json("harbour")["total"], 4);

    const json settled = add_json({posts().string()});
    EXPECT_EQ(settled["unchanged"], 4);
    EXPECT_EQ(settled["added"].get<int>() + settled["updated"].get<int>() + settled["removed"].get<int>(), 0);
}

TEST_F(IdxAdd, ABrokenPostIsNamedWithItsLineAndTheRestIsIndexed) {
    write_good_post("good1", "harbour", 1);
    write_good_post("good2", "harbour", 2);
    const fs::path broken = posts() / "2016-03-05-broken.md";
    write_file(broken, "---\ntitle: Broken\ndate: 2016-03-05\ncategories: [a, b\nauthor: x\n---\nbody\n");
    write_file(posts() / "binary.md", std::string("\x7F"
                                                  "ELF\0\0\0\x01\x02\0binary",
                                                  16));
    write_file(posts() / "empty.md", "");

    const Exit r = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    const std::vector<std::string> err = lines(r.err);
    ASSERT_EQ(err.size(), 2u) << r.err;
    const std::regex located("^" + broken.string() + ":([0-9]+): (.+)$");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(err[0], m, located)) << err[0];
    const int line = std::stoi(m[1]);
    EXPECT_GE(line, 2);  // inside the front matter
    EXPECT_LE(line, 6);
    EXPECT_NE(m[2].str().find("YAML"), std::string::npos) << err[0];
    // Under cron a run with errors also says what it did.
    EXPECT_EQ(mask(err[1]), "5 files: 2 added, 0 updated, 0 unchanged, 2 skipped, 1 error; 0 removed; <t> s");
    EXPECT_EQ(r.err.find("binary.md"), std::string::npos);
    EXPECT_EQ(r.err.find("empty.md"), std::string::npos);
    EXPECT_EQ(search_json("harbour")["total"], 2);
}

TEST_F(IdxAdd, VerboseNamesSkippedFilesWithTheirReasons) {
    write_good_post("good1", "harbour", 1);
    write_file(posts() / "binary.md", std::string("\x7F"
                                                  "ELF\0\0\0\x01\x02\0binary",
                                                  16));
    write_file(posts() / "empty.md", "");
    const Exit r = idx({"add", "--db", db(), "--verbose", posts().string()});
    EXPECT_EQ(r.code, 0) << r.err;
    const std::string err = mask(r.err, dir());
    EXPECT_NE(err.find("$DIR/posts/binary.md: "), std::string::npos) << err;
    EXPECT_NE(err.find("$DIR/posts/empty.md: "), std::string::npos) << err;
    EXPECT_NE(err.find("(skipped)"), std::string::npos) << err;
    EXPECT_NE(err.find("3 files: 1 added, 0 updated, 0 unchanged, 2 skipped, 0 errors; 0 removed; <t> s"),
              std::string::npos)
        << err;
}

TEST_F(IdxAdd, SuccessPrintsNothingWhenNotOnATerminal) {
    write_good_post("one", "harbour", 1);
    const Exit first = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(first.code, 0);
    EXPECT_EQ(first.out, "");
    EXPECT_EQ(first.err, "");
    const Exit again = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(again.code, 0);
    EXPECT_EQ(again.out + again.err, "");
}

TEST_F(IdxAdd, ASecondWriterExits75WithASentence) {
    write_good_post("one", "harbour", 1);
    add_json({posts().string()});
    Child holder(piped({IDX_LOCK_HOLDER, db()}));
    ASSERT_EQ(holder.read_line(), std::optional<std::string>("locked"));

    const Exit add = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(add.code, 75);
    EXPECT_EQ(add.out, "");
    EXPECT_EQ(add.err.rfind("idx: error: ", 0), 0u) << add.err;
    EXPECT_NE(add.err.find("locked"), std::string::npos) << add.err;
    EXPECT_NE(add.err.find("--wait"), std::string::npos) << add.err;
    EXPECT_EQ(lines(add.err).size(), 1u) << add.err;

    const Exit rm = idx({"rm", "--db", db(), (posts() / "2016-03-01-one.md").string()});
    EXPECT_EQ(rm.code, 75) << rm.err;

    // Readers are not blocked by a writer.
    EXPECT_EQ(search_json("harbour")["total"], 1);
    holder.close_stdin();
    EXPECT_EQ(holder.wait().code, 0);
    EXPECT_EQ(idx({"add", "--db", db(), posts().string()}).code, 0);
}

TEST_F(IdxAdd, WaitWaitsForTheOtherWriter) {
    write_good_post("one", "harbour", 1);
    Child holder(piped({IDX_LOCK_HOLDER, db()}));
    ASSERT_EQ(holder.read_line(), std::optional<std::string>("locked"));
    Child waiting(piped({IDX_BINARY, "add", "--db", db(), "--wait", "--json", posts().string()}));
    // Give it time to reach the lock; without --wait it would have exited 75 by now.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_TRUE(waiting.running()) << "idx add --wait did not wait: " << waiting.stderr_text();
    holder.close_stdin();
    EXPECT_EQ(holder.wait().code, 0);
    const std::optional<std::string> summary = waiting.read_line();
    EXPECT_EQ(waiting.wait().code, 0) << waiting.stderr_text();
    ASSERT_TRUE(summary);
    EXPECT_EQ(json::parse(*summary)["added"], 1);
}

TEST_F(IdxAdd, WithoutPathsTheRecordedRootsAreReindexed) {
    write_good_post("one", "harbour", 1);
    add_json({posts().string()});
    write_good_post("two", "harbour", 2);
    const json summary = add_json();
    EXPECT_EQ(summary["added"], 1);
    EXPECT_EQ(summary["documents"], 2);
}

TEST_F(IdxAdd, NoPathsAndNoRecordedRootsIsAUsageError) {
    const Exit r = idx({"add", "--db", db()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("roots:"), std::string::npos) << r.err;
}

TEST_F(IdxAdd, ConfigFileGivesRootsAndDatabase) {
    const fs::path site = dir() / "site";
    write_post(site / "posts" / "2016-03-01-one.md", "title: Harbour one\ndate: 2016-03-01\n", "Harbour text.\n");
    write_file(site / "idx.yaml", "db: index\nroots:\n  - posts\n");
    Command in_site = options();
    in_site.cwd = site;
    const Exit add = idx({"add", "--json"}, in_site);
    EXPECT_EQ(add.code, 0) << add.err;
    EXPECT_EQ(json::parse(add.out)["added"], 1);
    EXPECT_TRUE(fs::exists(site / "index"));
    EXPECT_FALSE(fs::exists(dir() / "home" / ".local"));  // not the default database

    const Exit search = idx({"search", "--json", "harbour"}, in_site);
    EXPECT_EQ(search.code, 0) << search.err;
    EXPECT_EQ(json::parse(search.out)["total"], 1);
    const Exit stats = idx({"stats", "--json"}, in_site);
    EXPECT_EQ(json::parse(stats.out)["documents"], 1);
}

TEST_F(IdxAdd, IdxDbEnvironmentVariableChoosesTheDatabase) {
    write_good_post("one", "harbour", 1);
    Command with_env = options();
    with_env.env = {{"IDX_DB", (dir() / "envdb").string()}};
    EXPECT_EQ(idx({"add", posts().string()}, with_env).code, 0);
    EXPECT_TRUE(fs::exists(dir() / "envdb"));
    const Exit stats = idx({"stats", "--json"}, with_env);
    EXPECT_EQ(json::parse(stats.out)["documents"], 1);
    // --db wins over IDX_DB.
    const Exit other = idx({"stats", "--db", (dir() / "nothing-here").string()}, with_env);
    EXPECT_EQ(other.code, 2);
    EXPECT_NE(other.err.find("idx add"), std::string::npos) << other.err;
}

TEST_F(IdxAdd, ReopeningTheIndexGivesTheSameAnswers) {
    for (int i = 1; i <= 6; ++i) write_good_post("post" + std::to_string(i), i % 2 ? "harbour" : "garden", i);
    add_json({posts().string()});
    const Exit first = idx({"search", "--db", db(), "--json", "harbour OR garden"});
    const Exit second = idx({"search", "--db", db(), "--json", "harbour OR garden"});
    EXPECT_EQ(first.code, 0);
    EXPECT_EQ(first.out, second.out);
    // And after an unchanged rerun of add, which commits its run record.
    add_json({posts().string()});
    EXPECT_EQ(idx({"search", "--db", db(), "--json", "harbour OR garden"}).out, first.out);
}

struct BadUsage {
    const char* name;
    std::vector<std::string> args;
    const char* says;  // part of the message
};

// Test names and messages show the case's name, not its bytes.
void PrintTo(const BadUsage& c, std::ostream* os) {
    *os << c.name;
}

class IdxUsage : public IdxAdd, public ::testing::WithParamInterface<BadUsage> {};

TEST_P(IdxUsage, ExitsTwoWithAMessage) {
    const Exit r = idx(GetParam().args);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IdxUsage,
    ::testing::Values(BadUsage{"unknown_add_option", {"add", "--bogus", "posts"}, "bogus"},
                      BadUsage{"jobs_not_a_number", {"add", "-j", "many", "posts"}, "many"},
                      BadUsage{"unknown_command", {"frobnicate"}, "frobnicate"}, BadUsage{"no_command", {}, "Usage"},
                      BadUsage{"unknown_search_option", {"search", "--colour", "x"}, "colour"},
                      BadUsage{"limit_not_a_number", {"search", "--limit", "abc", "x"}, "abc"},
                      BadUsage{"bad_sort", {"search", "--sort", "sideways", "x"}, "--sort"},
                      BadUsage{"bad_match", {"search", "--match", "some", "x"}, "--match"},
                      BadUsage{"bad_config", {"stats", "--config", "/nonexistent/idx.yaml"}, "/nonexistent/idx.yaml"}),
    test::param_name);

}  // namespace
}  // namespace idx::test
