#include "indexer/post_parser.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "common/utf8.hpp"
#include "tests/support/post_dates.hpp"
#include "tests/support/text.hpp"

namespace idx::indexer {
namespace {

using test::make_date;
using test::words;

using Strings = std::vector<std::string>;
using namespace std::string_literals;

ParseResult parse(std::string_view path, std::string_view content) {
    return parse_post(path, content, ParseOptions{});
}

// ---- what a file is ----

struct StatusCase {
    const char* name;
    std::string path;
    std::string content;
    ParseStatus status;
    int error_line = 0;  // for `error`: the line in the file
};

class ParseStatusOf : public ::testing::TestWithParam<StatusCase> {};

TEST_P(ParseStatusOf, Decides) {
    const StatusCase& c = GetParam();
    const ParseResult result = parse(c.path, c.content);
    EXPECT_EQ(result.status, c.status) << "error: " << result.error.message << " skip: " << result.skip_reason;
    switch (c.status) {
        case ParseStatus::error:
            EXPECT_EQ(result.error.line, c.error_line) << result.error.message;
            EXPECT_FALSE(result.error.message.empty());
            break;
        case ParseStatus::not_a_post:
            EXPECT_FALSE(result.skip_reason.empty());
            break;
        case ParseStatus::post:
        case ParseStatus::draft:
            EXPECT_EQ(result.post.path, c.path);
            break;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Files, ParseStatusOf,
    ::testing::Values(
        StatusCase{"post", "/p/a.md", "---\ntitle: A\n---\nbody\n", ParseStatus::post},
        StatusCase{"empty_front_matter", "/p/a.md", "---\n---\nbody\n", ParseStatus::post},
        StatusCase{"empty_file", "/p/a.md", "", ParseStatus::not_a_post},
        StatusCase{"binary", "/p/a.md", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, ParseStatus::not_a_post},
        StatusCase{"no_front_matter", "/p/about.md", "# About\n\nNo front matter here.\n", ParseStatus::not_a_post},
        StatusCase{"draft", "/p/a.md", "---\ntitle: A\npublished: false\n---\nbody\n", ParseStatus::draft},
        StatusCase{"unterminated", "/p/a.md", "---\ntitle: A\nbody without a closing line\n", ParseStatus::error, 1},
        // File line 1 is `---`, so YAML line 3 is file line 4.
        StatusCase{"broken_yaml_line_4", "/p/a.md", "---\ntitle: A\nauthor: B\n  nested: C\n---\nbody\n",
                   ParseStatus::error, 4},
        StatusCase{"broken_yaml_line_5", "/p/a.md", "---\ntitle: A\nauthor: B\ndate: 2016-01-01\ntags: [x]]\n---\n",
                   ParseStatus::error, 5},
        StatusCase{"broken_yaml_after_bom", "/p/a.md", "\xEF\xBB\xBF---\ntitle: A\n\tauthor: B\n---\n",
                   ParseStatus::error, 3},
        StatusCase{"broken_yaml_crlf", "/p/a.md", "---\r\ntitle: A\r\nauthor: B\r\n  nested: C\r\n---\r\n",
                   ParseStatus::error, 4},
        StatusCase{"not_a_map", "/p/a.md", "---\n- a\n- b\n---\nbody\n", ParseStatus::error, 2}),
    [](const ::testing::TestParamInfo<StatusCase>& p) { return std::string(p.param.name); });

TEST(ParsePost, BinaryReasonSaysSo) {
    const ParseResult result = parse("/p/img.md", "GIF89a\0\0\x01\x02"s);
    EXPECT_EQ(result.status, ParseStatus::not_a_post);
    EXPECT_NE(result.skip_reason.find("binary"), std::string::npos) << result.skip_reason;
}

TEST(ParsePost, DraftKeepsItsPost) {
    const ParseResult result = parse("/p/d.md", "---\ntitle: Draft idea\npublished: false\n---\nwords\n");
    ASSERT_EQ(result.status, ParseStatus::draft);
    EXPECT_TRUE(result.post.draft);
    EXPECT_EQ(result.post.title, "Draft idea");
    EXPECT_EQ(words(result.post.text), (Strings{"words"}));
}

TEST(ParsePost, FillsEveryField) {
    const ParseResult result = parse("/p/2016-02-21-talks.md", R"(---
ID: 101
post_title: 'Talks resume &#8211; envoys&#039; view'
author: Staff Writer
post_date: 2016-02-21 18:12:10 +0100
permalink: https://news.example.org/talks/
original_cats:
  - World,Top Stories
tags: [geneva]
---
<p>Envoys returned.</p>
)");
    ASSERT_EQ(result.status, ParseStatus::post);
    const Post& post = result.post;
    EXPECT_EQ(post.path, "/p/2016-02-21-talks.md");
    EXPECT_EQ(post.id, "101");
    EXPECT_EQ(post.title, "Talks resume \xE2\x80\x93 envoys' view");
    EXPECT_EQ(post.authors, (Strings{"Staff Writer"}));
    EXPECT_EQ(post.date, make_date(2016, 2, 21, 18, 12, 10, 60));
    EXPECT_EQ(post.url, "https://news.example.org/talks/");
    EXPECT_EQ(post.categories, (Strings{"World", "Top Stories"}));
    EXPECT_EQ(post.tags, (Strings{"geneva"}));
    EXPECT_EQ(post.text, "Envoys returned.");
    EXPECT_FALSE(post.draft);
    EXPECT_TRUE(result.warnings.empty());
}

// ---- dates ----

struct DateCase {
    const char* name;
    std::string path;
    std::string front_matter;
    std::optional<PostDate> date;
    int warning_line;  // -1: no warning
};

class ParsePostDate : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParsePostDate, DateAndWarning) {
    const DateCase& c = GetParam();
    const ParseResult result = parse(c.path, "---\n" + c.front_matter + "---\nbody\n");
    ASSERT_EQ(result.status, ParseStatus::post);
    EXPECT_EQ(result.post.date, c.date);
    if (c.warning_line < 0) {
        EXPECT_TRUE(result.warnings.empty()) << result.warnings.front().message;
    } else {
        ASSERT_EQ(result.warnings.size(), 1u);
        EXPECT_EQ(result.warnings.front().line, c.warning_line) << result.warnings.front().message;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParsePostDate,
    ::testing::Values(
        DateCase{"front_matter_date", "/p/2015-01-01-x.md", "date: 2016-02-21 18:12\n", make_date(2016, 2, 21, 18, 12),
                 -1},
        // Jekyll's own convention: no date key, the file name has it.
        DateCase{"no_date_key_uses_file_name", "/p/2016-02-21-x.md", "title: a\n", make_date(2016, 2, 21), -1},
        DateCase{"no_date_anywhere", "/p/about.md", "title: a\n", std::nullopt, -1},
        DateCase{"unparseable_uses_file_name", "/p/2016-02-21-x.md", "title: a\ndate: next Tuesday\n",
                 make_date(2016, 2, 21), 3},
        DateCase{"unparseable_no_file_date", "/p/x.md", "title: a\ntags: [b]\ndate: 2016-02-30\n", std::nullopt, 4},
        DateCase{"impossible_offset_kept_without_it", "/p/x.md", "date: 2016-02-21 18:12:10 +2500\n",
                 make_date(2016, 2, 21, 18, 12, 10), 2},
        DateCase{"date_folder_not_used", "/p/2016-02-21/x.md", "title: a\n", std::nullopt, -1}),
    [](const ::testing::TestParamInfo<DateCase>& p) { return std::string(p.param.name); });

TEST(ParsePost, UnparseableDateWarningQuotesTheDate) {
    const ParseResult result = parse("/p/2016-02-21-x.md", "---\ndate: next Tuesday\n---\n");
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_NE(result.warnings.front().message.find("next Tuesday"), std::string::npos);
}

// ---- damaged bytes ----

void expect_clean(const Post& post) {
    EXPECT_TRUE(is_clean_utf8(post.title)) << post.title;
    EXPECT_TRUE(is_clean_utf8(post.text)) << post.text;
    EXPECT_TRUE(is_clean_utf8(post.url));
    EXPECT_TRUE(is_clean_utf8(post.id));
    for (const std::string& s : post.authors) EXPECT_TRUE(is_clean_utf8(s)) << s;
    for (const std::string& s : post.categories) EXPECT_TRUE(is_clean_utf8(s)) << s;
    for (const std::string& s : post.tags) EXPECT_TRUE(is_clean_utf8(s)) << s;
}

TEST(ParsePost, InvalidUtf8InFrontMatterIsRepaired) {
    const ParseResult result =
        parse("/p/a.md", "---\ntitle: caf\xE9 society\nauthor: Jos\xE9\ntags: [na\xEFve]\n---\nx\n");
    ASSERT_EQ(result.status, ParseStatus::post);
    expect_clean(result.post);
    EXPECT_EQ(result.post.title, "caf\xEF\xBF\xBD society");
    EXPECT_EQ(result.post.authors, (Strings{"Jos\xEF\xBF\xBD"}));
}

TEST(ParsePost, InvalidUtf8InBodyIsRepaired) {
    const ParseResult result = parse("/p/a.html", "---\ntitle: t\n---\n<p>caf\xE9 \xC0\xAF ok</p>\n");
    ASSERT_EQ(result.status, ParseStatus::post);
    expect_clean(result.post);
    EXPECT_EQ(words(result.post.text).back(), "ok");
}

TEST(ParsePost, NulBytesInFrontMatterAndBody) {
    const std::string content = "---\ntitle: a\0b\nauthor: x\n---\n<p>one\0two</p>\n"s;
    const ParseResult result = parse("/p/a.md", content);
    ASSERT_EQ(result.status, ParseStatus::post) << result.error.message << result.skip_reason;
    expect_clean(result.post);
    EXPECT_EQ(result.post.title, "a b");
    EXPECT_EQ(words(result.post.text), (Strings{"one", "two"}));
}

TEST(ParsePost, GarbageNeverCrashes) {
    const std::vector<std::string> inputs = {"---",
                                             "---\n",
                                             "---\n---",
                                             "---\n:\n---\n",
                                             "---\n[\n---\n",
                                             "---\n{a: [}\n---\n",
                                             "---\ntitle: &a [*a]\n---\n",
                                             "---\n? complex\n: key\n---\n",
                                             "---\n\xFF\xFE\n---\n\xFF"s,
                                             "---\ntitle: t\n---\n<",
                                             "---\ntitle: t\n---\n[caption",
                                             "---\ntitle: t\n---\n{% comment %}",
                                             "---\ndate: 9999-99-99\n---\n",
                                             "---\ntags: " + std::string(5000, '[') + "\n---\n"};
    for (const std::string& input : inputs) {
        for (const char* path : {"/p/x.md", "/p/x.html"}) {
            const ParseResult result = parse(path, input);
            if (result.status == ParseStatus::post || result.status == ParseStatus::draft) expect_clean(result.post);
        }
    }
}

// ---- body by extension ----

struct BodyCase {
    const char* name;
    std::string path;
    std::string body;
    Strings expected_words;
};

class ParseBody : public ::testing::TestWithParam<BodyCase> {};

TEST_P(ParseBody, Words) {
    const ParseResult result = parse(GetParam().path, "---\ntitle: t\n---\n" + GetParam().body);
    ASSERT_EQ(result.status, ParseStatus::post);
    EXPECT_EQ(words(result.post.text), GetParam().expected_words) << result.post.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseBody,
    ::testing::Values(
        // Markdown syntax is rendered in .md and .markdown, left alone in HTML.
        BodyCase{"md_emphasis", "/p/a.md", "*stress* and **bold**", {"stress", "and", "bold"}},
        BodyCase{"markdown_emphasis", "/p/a.markdown", "*stress* and **bold**", {"stress", "and", "bold"}},
        BodyCase{"uppercase_md", "/p/A.MD", "*stress*", {"stress"}},
        BodyCase{"html_keeps_asterisks", "/p/a.html", "*stress* and **bold**", {"*stress*", "and", "**bold**"}},
        BodyCase{"htm_keeps_asterisks", "/p/a.htm", "*stress*", {"*stress*"}},
        BodyCase{"md_link_text_only", "/p/a.md", "[the text](https://example.org/hidden-url)", {"the", "text"}},
        BodyCase{"html_script_dropped", "/p/a.html", "<p>shown</p><script>var hidden;</script>", {"shown"}},
        BodyCase{"md_script_dropped", "/p/a.md", "shown\n\n<script>var hidden;</script>\n", {"shown"}},
        BodyCase{
            "shortcodes_removed",
            "/p/a.html",
            " [ad_1]\n<p>words [caption id=\"1\"]<img src=\"x\"> cap[/caption]</p>\n[embed]https://x.example/v[/embed]",
            {"words", "cap"}},
        BodyCase{"liquid_removed",
                 "/p/a.md",
                 "{% include note.html %}\nwords {{ site.title }} here\n{% comment %}no{% endcomment %}",
                 {"words", "here"}},
        BodyCase{"entities_decoded",
                 "/p/a.html",
                 "<p>R&amp;D &#8211; caf&eacute;</p>",
                 {"R&D", "\xE2\x80\x93", "caf\xC3\xA9"}},
        BodyCase{"empty_body", "/p/a.md", "", {}}),
    [](const ::testing::TestParamInfo<BodyCase>& p) { return std::string(p.param.name); });

TEST(ParsePost, ShortcodeNamesFromSettings) {
    IndexSettings settings;
    settings.shortcodes = {"promo"};
    ParseOptions options;
    options.settings = &settings;
    const std::string content = "---\ntitle: t\n---\n<p>[promo]buy[/promo] words</p>";
    EXPECT_EQ(words(parse_post("/p/a.html", content, options).post.text), (Strings{"buy", "words"}));
    EXPECT_EQ(words(parse("/p/a.html", content).post.text), (Strings{"[promo]buy[/promo]", "words"}));
}

TEST(ParsePost, KeyMappingFromSettings) {
    IndexSettings settings;
    settings.keys.title = {"headline"};
    ParseOptions options;
    options.settings = &settings;
    const ParseResult result = parse_post("/p/a.md", "---\ntitle: Not this\nheadline: This\n---\n", options);
    EXPECT_EQ(result.post.title, "This");
}

TEST(ParsePost, TooDeepHtmlWarnsAndKeepsText) {
    std::string body;
    for (int i = 0; i < 50; ++i) body += "<div>";
    body += "deep text";
    for (int i = 0; i < 50; ++i) body += "</div>";
    ParseOptions options;
    options.html.max_depth = 10;
    const ParseResult result = parse_post("/p/a.html", "---\ntitle: t\n---\n" + body, options);
    ASSERT_EQ(result.status, ParseStatus::post);
    EXPECT_EQ(words(result.post.text), (Strings{"deep", "text"}));
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_EQ(result.warnings.front().line, 0);
}

struct ExtensionCase {
    const char* path;
    bool is_post;
};

class IsPostExtension : public ::testing::TestWithParam<ExtensionCase> {};

TEST_P(IsPostExtension, Decides) {
    EXPECT_EQ(is_post_extension(GetParam().path), GetParam().is_post) << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(Paths, IsPostExtension,
                         ::testing::Values(ExtensionCase{"/p/a.md", true}, ExtensionCase{"/p/a.markdown", true},
                                           ExtensionCase{"/p/a.html", true}, ExtensionCase{"/p/a.htm", true},
                                           ExtensionCase{"/p/A.MD", true}, ExtensionCase{"/p/a.Html", true},
                                           ExtensionCase{"/p/a.txt", false}, ExtensionCase{"/p/a.md.bak", false},
                                           ExtensionCase{"/p/md", false}, ExtensionCase{"/p.md/readme", false},
                                           ExtensionCase{"/p/a.mdx", false}, ExtensionCase{"/p/a.png", false}),
                         [](const ::testing::TestParamInfo<ExtensionCase>& p) {
                             std::string name = p.param.path;
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

}  // namespace
}  // namespace idx::indexer
