#include "cli/text_printer.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace idx::cli {
namespace {

std::string printed(const auto& print) {
    std::ostringstream out;
    print(out);
    return out.str();
}

TEST(PrintHits, ShowsTitleMetaLinkAndSnippetAndNoEscapeCodesWithoutColor) {
    query::SearchResult result;
    query::Hit hit;
    hit.rank = 1;
    hit.post.path = "/p/a.md";
    hit.post.url = "https://example.org/a/";
    hit.post.title = "Kerry\x1b]0;pwned\x07 talks";
    hit.post.authors = {"Ann Lee"};
    hit.post.date = PostDate{2016, 2, 21, 18, 12, 0, std::nullopt};
    hit.snippet.parts = {{"with ", false}, {"Kerry", true}};
    result.hits.push_back(hit);
    const std::string plain = printed([&](std::ostream& out) { print_hits(out, result, TextStyle{}); });
    EXPECT_EQ(plain,
              "1. Kerry\\x1b]0;pwned\\x07 talks\n   2016-02-21 18:12 · Ann Lee\n   https://example.org/a/\n"
              "   with Kerry\n\n");
    const std::string color = printed([&](std::ostream& out) { print_hits(out, result, TextStyle{true, true}); });
    EXPECT_NE(color.find("\033[1mKerry\033[0m"), std::string::npos) << color;
}

TEST(PrintStats, LeavesOutTheLastRunWhenThereIsNoneAndCountsErrorsInWords) {
    query::IndexStats stats;
    stats.path = "/db";
    stats.documents = 2;
    stats.roots = {"/posts\nfake line"};
    const std::string without = printed([&](std::ostream& out) { print_stats(out, stats); });
    EXPECT_EQ(without.find("last run"), std::string::npos) << without;
    EXPECT_NE(without.find("folder:    /posts\\x0afake line\n"), std::string::npos) << without;
    stats.last_run = RunRecord{"2016-07-18T04:10:00Z", 2, 0, 1, 0, 0, 1, 10};
    const std::string with = printed([&](std::ostream& out) { print_stats(out, stats); });
    EXPECT_NE(with.find("last run:  2016-07-18T04:10:00Z: 2 added, 0 updated, 1 removed, 1 error\n"), std::string::npos)
        << with;
}

TEST(PrintRoots, KeepsOneFolderALine) {
    const std::string out = printed([](std::ostream& o) { print_roots(o, {{"/a\nb", 3, true}, {"/gone", 1, false}}); });
    EXPECT_EQ(out, "3\t/a\\nb\n1\t/gone\t(gone: idx roots rm to forget it)\n");
}

TEST(PrintAddMessages, ErrorsAlwaysWarningsOnATerminalSkipsWithVerbose) {
    indexer::SyncReport report;
    report.errors = {{"/p/a.md", 4, "bad YAML"}};
    report.warnings = {{"/p/b.md", 0, "odd date"}};
    report.skips = {{"/p/c.txt", 0, "not a post"}};
    const auto shown = [&](AddVerbosity v) {
        return printed([&](std::ostream& o) { print_add_messages(o, report, v); });
    };
    EXPECT_EQ(shown({false, false}), "/p/a.md:4: bad YAML\n");
    EXPECT_EQ(shown({true, false}), "/p/a.md:4: bad YAML\n/p/b.md: odd date (warning)\n");
    EXPECT_EQ(shown({false, true}),
              "/p/a.md:4: bad YAML\n/p/b.md: odd date (warning)\n/p/c.txt: not a post (skipped)\n");
}

TEST(PrintAddSummary, SaysWhatTheRunDid) {
    indexer::SyncReport report;
    report.files = 1;
    report.added = 1;
    report.seconds = 0.25;
    EXPECT_EQ(printed([&](std::ostream& o) { print_add_summary(o, report); }),
              "1 file: 1 added, 0 updated, 0 unchanged, 0 skipped, 0 errors; 0 removed; 0.2 s\n");
}

TEST(Located, AFileNameCannotForgeALine) {
    EXPECT_EQ(located({"/p/x\nidx: error: y.md", 0, "not UTF-8"}), "/p/x\\x0aidx: error: y.md: not UTF-8");
}

}  // namespace
}  // namespace idx::cli
