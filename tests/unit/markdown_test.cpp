#include "indexer/markdown.hpp"

#include <gtest/gtest.h>

#include "indexer/post_parser.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/text.hpp"

namespace idx::indexer {
namespace {

using test::words;

using Strings = std::vector<std::string>;

struct MostlyHtmlCase {
    const char* name;
    std::string body;
    bool expected;
};

class IsMostlyHtml : public ::testing::TestWithParam<MostlyHtmlCase> {};

TEST_P(IsMostlyHtml, Decides) {
    EXPECT_EQ(is_mostly_html(GetParam().body), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, IsMostlyHtml,
    ::testing::Values(MostlyHtmlCase{"empty", "", false}, MostlyHtmlCase{"blank_lines", "\n  \n\t\n", false},
                      MostlyHtmlCase{"paragraphs", "<p>a</p>\n<p>b</p>\n", true},
                      MostlyHtmlCase{"markdown", "# Title\n\nSome *text* here.\n\n- item\n", false},
                      MostlyHtmlCase{"indented_html", "<div>\n    <p>x</p>\n        <span>y</span>\n</div>\n", true},
                      MostlyHtmlCase{"comments_and_closers", "<!-- more -->\n</div>\n<p>x</p>\n", true},
                      MostlyHtmlCase{"one_tag_in_three", "<p>a</p>\ntext\nmore text\n", false},
                      MostlyHtmlCase{"half_is_not_most", "<p>a</p>\ntext\n", false},
                      MostlyHtmlCase{"two_of_three", "<p>a</p>\ntext\n<p>b</p>\n", true},
                      MostlyHtmlCase{"crlf", "<p>a</p>\r\n\r\n<p>b</p>\r\n", true},
                      MostlyHtmlCase{"less_than_is_not_a_tag", "a < b\n3 <4\n<3 love\n", false},
                      MostlyHtmlCase{"wordpress_export", " [ad_1]\n<br><div class=\"entry\"><p>x</p>\n<br>[ad_2]\n",
                                     true}),
    test::param_name);

struct RenderCase {
    const char* name;
    std::string markdown;
    Strings fragments;  // each must appear in the HTML
};

class MarkdownToHtml : public ::testing::TestWithParam<RenderCase> {};

TEST_P(MarkdownToHtml, Renders) {
    const std::string html = markdown_to_html(GetParam().markdown);
    for (const std::string& fragment : GetParam().fragments)
        EXPECT_NE(html.find(fragment), std::string::npos) << "no " << fragment << " in:\n" << html;
}

INSTANTIATE_TEST_SUITE_P(
    Basics, MarkdownToHtml,
    ::testing::Values(
        // Spans are their text: emphasis, links and strike-through add no words.
        RenderCase{"emphasis", "*em* and **strong** and _under_", {"em and strong and under"}},
        RenderCase{"heading", "# Title\n\ntext", {"<h1>Title</h1>", "<p>text</p>"}},
        RenderCase{"bullet_list", "- one\n- two\n", {"<ul>", "<li>one</li>", "<li>two</li>"}},
        RenderCase{"ordered_list", "1. one\n2. two\n", {"<ol>", "<li>one</li>"}},
        RenderCase{"link", "[a link](https://example.org/x)", {"<p>a link</p>"}},
        RenderCase{"image_is_its_alt_text", "![a heron](heron.jpg)", {"<p> a heron </p>"}},
        RenderCase{"code_span", "use `make -j2` here", {"use make -j2 here"}},
        RenderCase{"code_block", "text\n\n    indented code\n", {"<pre><code>indented code"}},
        RenderCase{"fenced_code", "```\nfenced\n```\n", {"<pre><code>fenced"}},
        RenderCase{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", {"<table>", "<th>a</th>", "<td>1</td>", "<td>2</td>"}},
        RenderCase{"strikethrough", "~~gone~~", {"<p>gone</p>"}},
        RenderCase{"escaped_html", "1 < 2 & 3", {"1 &lt; 2 &amp; 3"}},
        RenderCase{"inline_html_passes", "text <b>bold</b>", {"<b>bold</b>"}},
        RenderCase{"bom_skipped", "\xEF\xBB\xBF# Title", {"<h1>Title</h1>"}}),
    test::param_name);

TEST(MarkdownToHtml, BomIsNotText) {
    EXPECT_EQ(markdown_to_html("\xEF\xBB\xBFword").find("\xEF\xBB\xBF"), std::string::npos);
}

// A WordPress export saved as .md holds indented HTML. Read as Markdown, the
// indented lines would be code blocks and their tags would become words.
TEST(PostParserRouting, MarkdownFileWithHtmlBodyIsReadAsHtml) {
    const std::string content =
        "---\ntitle: Exported\n---\n<div class=\"entry\">\n    <p>Indented paragraph text</p>\n"
        "        <ul>\n            <li>deep item</li>\n        </ul>\n</div>\n";
    const ParseResult result = parse_post("/posts/2016-01-01-exported.md", content, ParseOptions{});
    ASSERT_EQ(result.status, ParseStatus::post);
    EXPECT_EQ(words(result.post.text), (Strings{"Indented", "paragraph", "text", "deep", "item"})) << result.post.text;
}

TEST(PostParserRouting, MarkdownBodyIsRendered) {
    const std::string content = "---\ntitle: Notes\n---\n# Heading\n\nSome **bold** words.\n\n- item one\n";
    const ParseResult result = parse_post("/posts/notes.markdown", content, ParseOptions{});
    ASSERT_EQ(result.status, ParseStatus::post);
    EXPECT_EQ(words(result.post.text), (Strings{"Heading", "Some", "bold", "words.", "item", "one"}))
        << result.post.text;
}

// Markdown with an indented code block keeps the code as words, but not as tags.
TEST(PostParserRouting, MarkdownCodeBlockKeepsItsWords) {
    const std::string content = "---\ntitle: Code\n---\nRun this:\n\n    make install\n";
    const ParseResult result = parse_post("/posts/code.md", content, ParseOptions{});
    ASSERT_EQ(result.status, ParseStatus::post);
    EXPECT_EQ(words(result.post.text), (Strings{"Run", "this:", "make", "install"}));
}

}  // namespace
}  // namespace idx::indexer
