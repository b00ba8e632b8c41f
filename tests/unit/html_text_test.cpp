#include "indexer/html_text.hpp"

#include <gtest/gtest.h>

#include "common/utf8.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/text.hpp"

namespace idx::indexer {
namespace {

using test::repeat;
using test::words;

using Strings = std::vector<std::string>;

struct TextCase {
    const char* name;
    std::string html;
    Strings expected_words;
};

class HtmlToText : public ::testing::TestWithParam<TextCase> {};

TEST_P(HtmlToText, Words) {
    const HtmlText result = html_to_text(GetParam().html);
    EXPECT_EQ(words(result.text), GetParam().expected_words) << "text: [" << result.text << "]";
    EXPECT_FALSE(result.used_fallback);
    EXPECT_TRUE(is_clean_utf8(result.text));
}

INSTANTIATE_TEST_SUITE_P(
    Visible, HtmlToText,
    ::testing::Values(
        TextCase{"paragraph", "<p>Hello <b>world</b></p>", {"Hello", "world"}},
        TextCase{"plain_text", "just words", {"just", "words"}}, TextCase{"empty", "", {}},
        TextCase{"script", "<p>keep</p><script>var tracker = 1;</script><p>this</p>", {"keep", "this"}},
        TextCase{"style", "<style>.hidden { color: red }</style><p>keep</p>", {"keep"}},
        TextCase{"noscript", "<p>keep</p><noscript>enable javascript</noscript>", {"keep"}},
        TextCase{"iframe", "<p>keep</p><iframe src=\"x\">frame fallback</iframe>", {"keep"}},
        TextCase{"template", "<template><p>templated</p></template><p>keep</p>", {"keep"}},
        TextCase{"head",
                 "<html><head><title>Head title</title><meta charset=utf-8></head><body><p>Body</p></body></html>",
                 {"Body"}},
        TextCase{"script_with_tags_inside", "<script>document.write('<p>fake</p>');</script>real", {"real"}},
        TextCase{"uppercase_script", "<SCRIPT>var x;</SCRIPT>shown", {"shown"}},
        TextCase{"svg", "<svg><text>drawn</text></svg>shown", {"shown"}},
        // Block elements and <br> end a word; inline elements do not.
        TextCase{"paragraphs", "<p>one</p><p>two</p>", {"one", "two"}},
        TextCase{"br", "one<br>two<br/>three", {"one", "two", "three"}},
        TextCase{"div", "<div>one</div>two", {"one", "two"}},
        TextCase{"list_items", "<ul><li>one</li><li>two</li></ul>", {"one", "two"}},
        TextCase{"table_cells",
                 "<table><tr><td>one</td><td>two</td></tr><tr><td>three</td></tr></table>",
                 {"one", "two", "three"}},
        TextCase{"headings", "<h1>one</h1><h2>two</h2>three", {"one", "two", "three"}},
        TextCase{"blockquote", "one<blockquote>two</blockquote>three", {"one", "two", "three"}},
        TextCase{"bold_inside_word", "a<b>b</b>", {"ab"}},
        TextCase{"italic_inside_word", "un<i>believ</i>able", {"unbelievable"}},
        TextCase{"link_inside_word", "<a href=\"/x\">link</a>ed", {"linked"}},
        TextCase{"span_inside_word", "<span>x</span><em>y</em><strong>z</strong>", {"xyz"}},
        TextCase{"entities",
                 "<p>AT&amp;T &lt;tag&gt; &#8211; caf&eacute; &#039;q&#039; &quot;d&quot;</p>",
                 {"AT&T", "<tag>", "\xE2\x80\x93", "caf\xC3\xA9", "'q'", "\"d\""}},
        TextCase{"entity_in_attribute_only", "<a title=\"&amp; hidden\">shown</a>", {"shown"}},
        TextCase{"whitespace_collapsed", "<p>  a \n\t b   </p>\n\n\n<p>\n c \n</p>", {"a", "b", "c"}},
        TextCase{"comment_more", "one <!-- more --> two", {"one", "two"}},
        TextCase{"comment_between_blocks", "<p>one</p>\n<!--more-->\n<p>two</p>", {"one", "two"}},
        TextCase{"unclosed_tags", "<p>one<p>two<div>three", {"one", "two", "three"}},
        TextCase{"stray_lt", "a < b and c > d", {"a", "<", "b", "and", "c", ">", "d"}},
        TextCase{"img_alt_not_text", "<p>before<img src=\"a.jpg\" alt=\"alt words\">after</p>", {"before", "after"}}),
    test::param_name);

TEST(HtmlToText, BlocksBecomeLinesAndSpacesCollapse) {
    const HtmlText result = html_to_text("<p>first  line</p>\n\n<p>second\nline</p>");
    EXPECT_EQ(result.text, "first line\nsecond line");
}

TEST(HtmlToText, NoLeadingOrTrailingBlanks) {
    const std::string text = html_to_text("\n  <div>\n  <p> words </p>\n</div>\n  ").text;
    EXPECT_EQ(text, "words");
}

struct DepthCase {
    const char* name;
    std::string html;
    std::size_t depth;
};

class NestingDepth : public ::testing::TestWithParam<DepthCase> {};

TEST_P(NestingDepth, Estimates) {
    EXPECT_EQ(estimate_nesting_depth(GetParam().html), GetParam().depth);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NestingDepth,
    ::testing::Values(DepthCase{"empty", "", 0}, DepthCase{"text", "no tags at all", 0},
                      DepthCase{"one", "<p>x</p>", 1}, DepthCase{"siblings", "<p>a</p><p>b</p><div>c</div>", 1},
                      DepthCase{"nested", "<div><div><p>x</p></div></div>", 3},
                      DepthCase{"void_elements", "<br><br><img src=x><hr><input>", 0},
                      DepthCase{"void_uppercase", "<BR><IMG SRC=x>", 0},
                      // Unclosed paragraphs may nest, so they count: an upper estimate.
                      DepthCase{"unclosed", "<p>a<p>b<p>c", 3}, DepthCase{"stray_lt", "a < b and 3<4", 0},
                      DepthCase{"five_thousand", repeat("<div>", 5000) + "x" + repeat("</div>", 5000), 5000}),
    test::param_name);

// gumbo 0.10 needs memory far beyond the input for very deep nesting, so such
// bodies take the fallback; their words must still be found.
TEST(HtmlToText, TooDeepUsesFallbackAndKeepsText) {
    const std::string html = repeat("<div>", 5000) + "<p>deep words &amp; more</p>" +
                             "<script>var hidden = 1;</script><!-- comment -->visible" + repeat("</div>", 5000);
    const HtmlText result = html_to_text(html, HtmlLimits{1000});
    EXPECT_TRUE(result.used_fallback);
    EXPECT_EQ(words(result.text), (Strings{"deep", "words", "&", "more", "visible"})) << result.text;
}

TEST(HtmlToText, FallbackSeparatesBlocksAndDropsStyle) {
    const std::string html =
        repeat("<div>", 20) + "one<br>two<style>p { x: y }</style><p>three</p>" + repeat("</div>", 20);
    const HtmlText result = html_to_text(html, HtmlLimits{10});
    EXPECT_TRUE(result.used_fallback);
    EXPECT_EQ(words(result.text), (Strings{"one", "two", "three"})) << result.text;
}

TEST(HtmlToText, WithinTheLimitUsesGumbo) {
    const std::string html = repeat("<div>", 500) + "inside" + repeat("</div>", 500);
    const HtmlText result = html_to_text(html, HtmlLimits{1000});
    EXPECT_FALSE(result.used_fallback);
    EXPECT_EQ(words(result.text), (Strings{"inside"}));
}

struct DecodeCase {
    const char* name;
    std::string text;
    std::string expected;
};

class DecodeEntities : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(DecodeEntities, Decodes) {
    EXPECT_EQ(decode_entities(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, DecodeEntities,
                         ::testing::Values(DecodeCase{"none", "plain text", "plain text"},
                                           DecodeCase{"numeric", "a &#8211; b", "a \xE2\x80\x93 b"},
                                           DecodeCase{"hex", "&#x2014;", "\xE2\x80\x94"},
                                           DecodeCase{"apostrophe", "envoys&#039;", "envoys'"},
                                           DecodeCase{"amp_quot", "&quot;R&amp;D&quot;", "\"R&D\""},
                                           DecodeCase{"named", "caf&eacute;", "caf\xC3\xA9"},
                                           DecodeCase{"escaped_tag", "&lt;script&gt;", "<script>"},
                                           // A tag in the text is text: decoding must not parse it away.
                                           DecodeCase{"literal_script", "<script>alert(1)</script> &amp;",
                                                      "<script>alert(1)</script> &"},
                                           DecodeCase{"literal_tags", "<b>bold</b> &amp; <i>", "<b>bold</b> & <i>"},
                                           DecodeCase{"unknown_entity", "&bogus; &amp;", "&bogus; &"},
                                           DecodeCase{"bare_ampersand", "Q&A &amp; more", "Q&A & more"},
                                           DecodeCase{"keeps_inner_newline", "a &amp;\nb", "a &\nb"}),
                         test::param_name);

TEST(DecodeEntities, KeepsSurroundingBlanks) {
    EXPECT_EQ(decode_entities("  a &amp; b  "), "  a & b  ");
}

}  // namespace
}  // namespace idx::indexer
