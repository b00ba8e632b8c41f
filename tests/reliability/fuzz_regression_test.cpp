// Replays saved fuzz inputs through the fuzz targets' own code, built with
// g++ (and the sanitizers in the ASan build): every committed seed, every
// crash the fuzzers found (tests/fuzz/regressions/TARGET/) and the sample
// posts. A target aborts on a crash or a broken property, which fails the
// test with the input's name in the output.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <iostream>

#include "common/config.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/utf8.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/html_text.hpp"
#include "indexer/post_parser.hpp"
#include "tests/fuzz/fuzz_entries.hpp"
#include "tests/support/files.hpp"
#include "tests/support/param_name.hpp"

namespace idx::test {
namespace {
namespace fs = std::filesystem;
using namespace std::string_literals;

struct Target {
    const char* name;
    std::function<void(std::string_view)> entry;
    bool reads_posts;  // whole post files are good inputs for it
};

const Target kTargets[] = {
    {"front_matter", fuzz::front_matter, true},
    {"html_text", fuzz::html_text, true},
    {"markdown", fuzz::markdown, true},
    {"post_date", fuzz::post_date, false},
    {"query", fuzz::query, false},
    {"post_document", fuzz::post_document, true},
};

void PrintTo(const Target& target, std::ostream* out) {
    *out << target.name;
}

std::vector<std::string> files_under(const std::string& dir) {
    std::vector<std::string> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

class FuzzReplay : public ::testing::TestWithParam<Target> {};

TEST_P(FuzzReplay, SavedInputsRunClean) {
    const std::string fuzz_dir = IDX_FUZZ_DIR;
    std::vector<std::string> inputs = files_under(fuzz_dir + "/seeds/" + GetParam().name);
    const std::vector<std::string> found = files_under(fuzz_dir + "/regressions/" + GetParam().name);
    inputs.insert(inputs.end(), found.begin(), found.end());
    if (GetParam().reads_posts) {
        for (const std::string& dir : {std::string(IDX_SAMPLE_POSTS), std::string(IDX_TEST_FIXTURES)}) {
            const std::vector<std::string> posts = files_under(dir);
            inputs.insert(inputs.end(), posts.begin(), posts.end());
        }
    }
    ASSERT_FALSE(inputs.empty());
    for (const std::string& input : inputs) {
        SCOPED_TRACE(input);
        std::cerr << "replaying " << input << "\n";  // an abort names the input that did it
        GetParam().entry(read_file(input));
    }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(kTargets), test::param_name);

// --- what the fuzzers found, one test each -------------------------------------

// html_text fuzzer: gumbo 0.10 turns a numeric reference too big for its
// int into a stray byte (0xEA for this one), which is not UTF-8.
TEST(FuzzFindings, OverflowingCharacterReferenceStillGivesUtf8) {
    const std::string input =
        read_file(std::string(IDX_FUZZ_DIR) + "/regressions/html_text/overflowing-character-reference");
    ASSERT_EQ(input, "&#49999999999");
    for (const std::string& html : {input, "<p>a &#999999999999999999466; b</p>"s, "x &#x0F6000000000; y"s}) {
        EXPECT_TRUE(is_clean_utf8(indexer::html_to_text(html).text)) << html;
        EXPECT_TRUE(is_clean_utf8(indexer::html_to_text(html, {0}).text)) << html;  // the tag-stripping path
        EXPECT_TRUE(is_clean_utf8(indexer::decode_entities(html))) << html;
    }
}

// post_document fuzzer: `&#8;` in a title gave a backspace; `&#27;` would
// give ESC, an escape sequence for whoever prints the title on a terminal.
// YAML's own escapes make the same characters.
TEST(FuzzFindings, ControlCharactersFromReferencesAndEscapesBecomeSpaces) {
    const std::string found =
        read_file(std::string(IDX_FUZZ_DIR) + "/regressions/post_document/control-character-reference-in-title");
    ASSERT_EQ(found, "---\ntitle: '&#8\n---");
    // The quote is never closed: since issue 9 that is an error on its line;
    // the same title with the quote closed is read clean.
    const indexer::ParseResult from_fuzzer = indexer::parse_post("/p/post.html", found, {});
    ASSERT_EQ(from_fuzzer.status, indexer::ParseStatus::error);
    EXPECT_EQ(from_fuzzer.error.line, 2);
    const indexer::ParseResult closed = indexer::parse_post("/p/post.html", "---\ntitle: '&#8'\n---", {});
    ASSERT_EQ(closed.status, indexer::ParseStatus::post);
    EXPECT_TRUE(is_clean_utf8(closed.post.title)) << closed.post.title;

    const indexer::ParseResult parsed =
        indexer::parse_post("/p/post.html",
                            "---\ntitle: 'Red&#27;[31m alert&#7; now'\nauthor: \"Tab\\x01Bell\\a\\0Nul\"\n"
                            "date: \"2016-01-01\\e[2J\"\n---\n<p>body&#1;text &#x1B;]0;title&#x07;</p>\n",
                            {});
    ASSERT_EQ(parsed.status, indexer::ParseStatus::post);
    EXPECT_EQ(parsed.post.title, "Red [31m alert now");
    ASSERT_EQ(parsed.post.authors.size(), 1u);
    EXPECT_EQ(parsed.post.authors[0], "Tab Bell Nul");
    EXPECT_EQ(parsed.post.text, "body text ]0;title");
    ASSERT_EQ(parsed.warnings.size(), 1u);  // the date is not a date: its message is clean too
    EXPECT_TRUE(is_clean_utf8(parsed.warnings[0].message)) << parsed.warnings[0].message;
}

// post_document fuzzer (CI, stop 14): its round-trip property compared the
// stored authors with the front matter's, but "A and B" is stored as two
// authors since issue 8. The property now expects the split names.
TEST(FuzzFindings, AuthorsJoinedByAndAreStoredSplit) {
    const std::string found = read_file(std::string(IDX_FUZZ_DIR) + "/regressions/post_document/author-split-by-and");
    const indexer::ParseResult parsed = indexer::parse_post("/p/post.html", found, {});
    ASSERT_EQ(parsed.status, indexer::ParseStatus::post);
    ASSERT_EQ(parsed.post.authors, std::vector<std::string>{"Ann Lee and Bo Li"});
    indexer::DocumentBuilder builder{IndexSettings{}};
    const indexer::BuiltDocument built = builder.build(parsed.post, SourceRecord{"/p/post.html", 1, found.size(), "h"});
    const auto stored = decode_post(built.document.get_data(), built.document.get_value(schema::slot::text));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->authors, (std::vector<std::string>{"Ann Lee", "Bo Li"}));
    fuzz::post_document(found);  // aborts if the property is broken
}

}  // namespace
}  // namespace idx::test
