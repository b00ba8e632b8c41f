#include "indexer/shortcodes.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"
#include "tests/support/text.hpp"

namespace idx::indexer {
namespace {

using test::words;

using Strings = std::vector<std::string>;

struct Case {
    const char* name;
    std::string body;
    Strings expected_words;
    Strings extra_names = {};
};

class StripShortcodes : public ::testing::TestWithParam<Case> {};

TEST_P(StripShortcodes, Words) {
    EXPECT_EQ(words(strip_shortcodes(GetParam().body, GetParam().extra_names)), GetParam().expected_words)
        << strip_shortcodes(GetParam().body, GetParam().extra_names);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StripShortcodes,
    ::testing::Values(
        Case{"no_brackets", "plain words", {"plain", "words"}},
        Case{"ad_slots", " [ad_1]\n<p>Envoys returned.</p>\n[ad_2]", {"<p>Envoys", "returned.</p>"}},
        Case{"ad_slot_glued", "before[ad_1]after", {"before", "after"}},
        Case{"ad_slot_many_digits", "[ad_12] text", {"text"}},
        Case{"not_an_ad_slot", "[ad_] [ad_x] [adx_1]", {"[ad_]", "[ad_x]", "[adx_1]"}},
        Case{"caption_keeps_text",
             "[caption id=\"attachment_5\" align=\"alignleft\" width=\"300\"]<img src=\"heron.jpg\" /> A heron at "
             "dawn[/caption] next",
             {"<img", "src=\"heron.jpg\"", "/>", "A", "heron", "at", "dawn", "next"}},
        Case{"caption_glued_to_words", "x[caption]cap[/caption]y", {"x", "cap", "y"}},
        Case{"embed_removed_whole",
             "before [embed]https://www.youtube.com/watch?v=abc[/embed] after",
             {"before", "after"}},
        Case{"video_removed_whole", "a [video src=\"x.mp4\"]fallback link[/video] b", {"a", "b"}},
        Case{"gallery_self_contained", "see [gallery ids=\"1,2\"] here", {"see", "here"}},
        Case{"gallery_with_columns", "[gallery columns=\"3\" ids=\"10,11,12\" link=\"file\"]", {}},
        Case{"footnote_kept", "as shown [1] and [12].", {"as", "shown", "[1]", "and", "[12]."}},
        Case{"sic_kept", "He said [sic] so.", {"He", "said", "[sic]", "so."}},
        Case{"markdown_link_kept", "[a link](http://x) and [ref][1]", {"[a", "link](http://x)", "and", "[ref][1]"}},
        Case{"unknown_with_attributes_kept", "[unknown attr=\"1\"]x[/unknown]", {"[unknown", "attr=\"1\"]x[/unknown]"}},
        Case{"uppercase_names", "[AD_1] [Caption]cap[/CAPTION] [EMBED]u[/embed] end", {"cap", "end"}},
        Case{"unclosed_caption_keeps_text", "[caption id=1]text never closed", {"text", "never", "closed"}},
        Case{"unclosed_embed_keeps_rest",
             "[embed]https://example.org/x and words",
             {"https://example.org/x", "and", "words"}},
        Case{"tag_without_closing_bracket", "[caption id=1 no bracket", {"[caption", "id=1", "no", "bracket"}},
        Case{"tag_broken_by_newline", "[caption\nid=1] text", {"[caption", "id=1]", "text"}},
        Case{"stray_closing_tag", "text[/caption] more", {"text", "more"}},
        Case{"nested", "[caption][embed]u[/embed] cap words[/caption]", {"cap", "words"}},
        Case{"two_embeds", "[embed]a[/embed] mid [embed]b[/embed]", {"mid"}},
        Case{"bracket_at_end", "text [", {"text", "["}},
        Case{"extra_name", "[promo]buy now[/promo] text", {"buy", "now", "text"}, {"promo"}},
        Case{"extra_name_not_given", "[promo]buy now[/promo] text", {"[promo]buy", "now[/promo]", "text"}},
        Case{"extra_name_any_case_in_text", "[PROMO] text", {"text"}, {"promo"}}),
    test::param_name);

// Names in idx.yaml are matched like the built-in ones, without regard to case.
TEST(StripShortcodes, ExtraNamesWithCapitals) {
    EXPECT_EQ(words(strip_shortcodes("[AdSense] text [adsense]", {"AdSense"})), (Strings{"text"}));
}

TEST(StripShortcodes, WithoutBracketsReturnsInput) {
    const std::string body = "<p>No shortcodes here at all.</p>\n";
    EXPECT_EQ(strip_shortcodes(body), body);
}

TEST(StripShortcodes, MarkupAroundIsKeptByteForByte) {
    EXPECT_EQ(strip_shortcodes("<p>a</p>[ad_1]<p>b</p>"), "<p>a</p> <p>b</p>");
}

class StripLiquid : public ::testing::TestWithParam<Case> {};

TEST_P(StripLiquid, Words) {
    EXPECT_EQ(words(strip_liquid(GetParam().body)), GetParam().expected_words) << strip_liquid(GetParam().body);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StripLiquid,
    ::testing::Values(
        Case{"no_braces", "plain words", {"plain", "words"}},
        Case{"tag", "a {% include figure.html src=\"x\" %} b", {"a", "b"}},
        Case{"output", "Title: {{ page.title | escape }}!", {"Title:", "!"}}, Case{"glued", "x{{ y }}z", {"x", "z"}},
        Case{"comment_block", "keep {% comment %}secret notes{% endcomment %} this", {"keep", "this"}},
        Case{"comment_block_trimmed_markers", "keep {%- comment -%}secret{%- endcomment -%} this", {"keep", "this"}},
        Case{"comment_with_tags_inside", "a {% comment %}{{ x }} hidden {% if y %}{% endcomment %} b", {"a", "b"}},
        Case{"highlight_tags", "{% highlight ruby %}\nputs 1\n{% endhighlight %}", {"puts", "1"}},
        Case{"unclosed_tag_kept", "50{% off", {"50{%", "off"}},
        Case{"unclosed_output_kept", "a {{ b", {"a", "{{", "b"}},
        Case{"single_braces_kept", "f(x) { return 1; }", {"f(x)", "{", "return", "1;", "}"}},
        Case{"json_kept", "{\"a\": 1}", {"{\"a\":", "1}"}}),
    test::param_name);

}  // namespace
}  // namespace idx::indexer
