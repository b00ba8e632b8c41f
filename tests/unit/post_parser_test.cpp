#include "indexer/post_parser.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "common/utf8.hpp"
#include "tests/support/param_name.hpp"
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
        StatusCase{"not_a_map", "/p/a.md", "---\n- a\n- b\n---\nbody\n", ParseStatus::error, 2},
        // Exact lines for quotes left open, with LF, CRLF and a BOM (issue 9).
        StatusCase{
            "unclosed_quote_line_8", "/p/a.md",
            "---\nlayout: post\na: 1\nb: 2\nc: 3\nd: 4\nauthor: X\ntitle: \"Unclosed quote\ndate: 2020-01-01\n---\n",
            ParseStatus::error, 8},
        StatusCase{"unclosed_quote_line_8_crlf", "/p/a.md",
                   "---\r\nlayout: post\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\nauthor: X\r\ntitle: \"Unclosed\r\n"
                   "date: 2020-01-01\r\n---\r\n",
                   ParseStatus::error, 8},
        StatusCase{"unclosed_quote_line_8_bom_crlf", "/p/a.md",
                   "\xEF\xBB\xBF---\r\nlayout: post\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\nauthor: X\r\n"
                   "title: \"Unclosed\r\ndate: 2020-01-01\r\n---\r\n",
                   ParseStatus::error, 8},
        StatusCase{"unclosed_list_line_3_crlf", "/p/a.md", "---\r\ntitle: A\r\ntags: [x, y\r\ndate: 2020\r\n---\r\n",
                   ParseStatus::error, 3},
        StatusCase{"bad_value_line_8_bom_crlf", "/p/a.md",
                   "\xEF\xBB\xBF---\r\nlayout: post\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\nauthor: X\r\n"
                   "title: bad: value\r\ndate: 2020-01-01\r\n---\r\n",
                   ParseStatus::error, 8}),
    test::param_name);

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
    test::param_name);

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
    test::param_name);

// ---- text as the reader of a kramdown/Jekyll site sees it (issue 9) ----

INSTANTIATE_TEST_SUITE_P(
    ReaderSees, ParseBody,
    ::testing::Values(
        BodyCase{"text_after_more_comment",
                 "/p/a.md",
                 "Intro.\n<!-- more -->The rest with [a link](/x).\n",
                 {"Intro.", "The", "rest", "with", "a", "link."}},
        BodyCase{"markdown_on_a_line_starting_with_a_tag",
                 "/p/a.md",
                 "<table><tr>\n<td >![Alt words](/wp/uploads/a.png)</td>\n</tr></table>\n\nAfter.\n",
                 {"Alt", "words", "After."}},
        BodyCase{"markdown_kept_in_mostly_html_md",
                 "/p/a.md",
                 "<p align=\"center\">\n<img src=\"a.png\">\n</p>\n\nSee [the docs](https://x.org/docs).\n\n"
                 "<p align=\"center\">\n<img src=\"b.png\">\n</p>\n",
                 {"See", "the", "docs."}},
        BodyCase{"indented_html_in_mostly_html_md_is_no_code",
                 "/p/a.md",
                 "<div>\n<p>one</p>\n\n    <p>two</p>\n</div>\n",
                 {"one", "two"}},
        BodyCase{"link_named_like_a_shortcode",
                 "/p/a.md",
                 "Here is a [video](//youtu.be/abc) from the last day, [gallery](/g) and [YouTube](https://y.be/x).",
                 {"Here", "is", "a", "video", "from", "the", "last", "day,", "gallery", "and", "YouTube."}},
        BodyCase{"shortcode_in_html_still_removed", "/p/a.html", "<p>[video]x.mp4[/video] words</p>", {"words"}},
        BodyCase{"raw_kept",
                 "/p/a.md",
                 "docker inspect -f {% raw %}\"{{.State.Health.Status}}\"{% endraw %} web",
                 {"docker", "inspect", "-f", "\"{{.State.Health.Status}}\"", "web"}},
        BodyCase{"raw_block_kept",
                 "/p/a.md",
                 "{% raw %}\n```\n{% if x %}{{ y }}{% endif %}\n```\n{% endraw %}\n",
                 {"{%", "if", "x", "%}{{", "y", "}}{%", "endif", "%}"}},
        BodyCase{"liquid_inside_a_link_target",
                 "/p/a.md",
                 "See [NEWS](https://github.com/ruby/ruby/blob/{{ release.tag }}/NEWS.md) for details.",
                 {"See", "NEWS", "for", "details."}},
        BodyCase{"liquid_starting_a_reference_definition",
                 "/p/a.md",
                 "The [download site][1] and [[ruby-dev:42003]][2].\n\n[1]: {{ site.url }}/download-1.8.0.rbx\n"
                 "[2]:   {{ site.url }}{{ site.baseurl }}/x \"Title\"\n[3]: {{ site.url }}{{ site.license.url }}\n"
                 "[4]: https://x.org/blob/{{ tag }}/NEWS\n",
                 {"The", "download", "site", "and", "[ruby-dev:42003]."}},
        BodyCase{"definition_url_kramdown_takes_whole",
                 "/p/a.md",
                 "Read [this][3] and [that][4].\n\n[3]: http://x.org/a.html(and\n[4]: http://x.org/b\n",
                 {"Read", "this", "and", "that."}},
        BodyCase{"liquid_link_tag",
                 "/p/a.md",
                 "Read [the post]({% link _posts/2020-01-01-x.md %}).",
                 {"Read", "the", "post."}},
        BodyCase{"liquid_output_in_emphasis", "/p/a.md", "**{{ release.version }}** is out", {"is", "out"}},
        BodyCase{"highlight_block_is_code",
                 "/p/a.md",
                 "{% highlight ruby %}\nh = {:a => 1}\n# not a heading\n{% endhighlight %}\n",
                 {"h", "=", "{:a", "=>", "1}", "#", "not", "a", "heading"}},
        BodyCase{"kramdown_span_attributes",
                 "/p/a.md",
                 "[site](https://x.org){:target=\"_blank\"} and *em*{: .x} text",
                 {"site", "and", "em", "text"}},
        BodyCase{"kramdown_block_attributes_and_toc",
                 "/p/a.md",
                 "* TOC\n{:toc}\n\n## First {#first}\n\nText.\n{: .lead}\n",
                 {"First", "Text."}},
        BodyCase{
            "kramdown_options_extension", "/p/a.md", "{::options parse_block_html=\"true\" /}\nWords.\n", {"Words."}},
        BodyCase{"footnotes_kept_as_text",
                 "/p/a.md",
                 "Said so[^1].\n\n[^1]: The source, page 3.\n",
                 {"Said", "so.", "The", "source,", "page", "3."}},
        BodyCase{"abbreviation_definition_gone",
                 "/p/a.md",
                 "HTML is old.\n\n*[HTML]: Hyper Text Markup Language\n",
                 {"HTML", "is", "old."}},
        BodyCase{"image_alt_text_kept", "/p/a.md", "![A heron at dawn](heron.jpg)", {"A", "heron", "at", "dawn"}},
        BodyCase{"urls_are_not_words",
                 "/p/a.md",
                 "see https://example.org/wp/uploads/x.png and <http://a.org/b> or www.example.com/page now",
                 {"see", "and", "or", "now"}},
        BodyCase{"urls_are_not_words_in_html",
                 "/p/a.html",
                 "<p>from https://example.org/wp-content/uploads/x.png here</p>",
                 {"from", "here"}},
        BodyCase{"code_span_kept_as_written",
                 "/p/a.md",
                 "Use `{:a => 1}` and `[x](y)`.",
                 {"Use", "{:a", "=>", "1}", "and", "[x](y)."}}),
    test::param_name);

struct TitleCase {
    const char* name;
    std::string yaml_title;
    std::string expected;
};

class ParseTitle : public ::testing::TestWithParam<TitleCase> {};

TEST_P(ParseTitle, IsWhatTheReaderSees) {
    const ParseResult result = parse("/p/a.md", "---\ntitle: " + GetParam().yaml_title + "\n---\nbody\n");
    ASSERT_EQ(result.status, ParseStatus::post) << result.error.message;
    EXPECT_EQ(result.post.title, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Titles, ParseTitle,
    ::testing::Values(TitleCase{"html_tags", "\"<em>live</em> coverage\"", "live coverage"},
                      TitleCase{"liquid_output", "\"Welcome to {{ site.title }}\"", "Welcome to"},
                      TitleCase{"liquid_tag", "\"A {% if x %}B{% endif %}\"", "A B"},
                      TitleCase{"not_html_kept", "\"vector<int> and a < b\"", "vector<int> and a < b"},
                      TitleCase{"entities_still_decoded", "\"Caf&eacute; &#8211; <b>bold</b>\"",
                                "Caf\xC3\xA9 \xE2\x80\x93 bold"},
                      TitleCase{"escaped_tag_is_text", "\"&lt;em&gt; explained\"", "<em> explained"}),
    test::param_name);

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
                             return test::as_test_name(p.param.path);
                         });

}  // namespace
}  // namespace idx::indexer
