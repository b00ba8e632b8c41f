#include "query/snippet.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/json_printer.hpp"
#include "cli/text_printer.hpp"
#include "common/utf8.hpp"

namespace idx::query {
namespace {

using cli::snippet_html;
using cli::snippet_text;

const std::string kEllipsis = "\xE2\x80\xA6";  // …

Xapian::Stem english() {
    return Xapian::Stem("english");
}

// The query stems of `words`, made as the query parser makes them.
std::vector<std::string> stems(const std::vector<std::string>& words) {
    const Xapian::Stem stem = english();
    std::vector<std::string> out;
    for (const std::string& w : words) out.push_back(stem(w));
    return out;
}

std::vector<std::string> marked(const Snippet& snippet) {
    std::vector<std::string> out;
    for (const SnippetPart& part : snippet.parts)
        if (part.match) out.push_back(part.text);
    return out;
}

// Words that stem to nothing a test queries for.
std::string filler(std::size_t bytes, unsigned seed = 1) {
    static const char* const kWords[] = {"lorem", "ipsum", "dolor", "sit",     "amet",   "consectetur", "adipiscing",
                                         "elit",  "sed",   "do",    "eiusmod", "tempor", "incididunt",  "labore"};
    std::string out;
    unsigned state = seed;
    while (out.size() < bytes) {
        state = state * 1103515245u + 12345u;
        out += kWords[(state >> 16) % (sizeof kWords / sizeof kWords[0])];
        out += ' ';
    }
    return out;
}

// What the snippet shows between its ellipses.
std::string inner_text(const Snippet& snippet) {
    std::string text = snippet_text(snippet, false);
    if (text.rfind(kEllipsis + " ", 0) == 0) text.erase(0, kEllipsis.size() + 1);
    if (text.size() >= kEllipsis.size() + 1 &&
        text.compare(text.size() - kEllipsis.size() - 1, std::string::npos, " " + kEllipsis) == 0)
        text.erase(text.size() - kEllipsis.size() - 1);
    return text;
}

bool is_word_byte(char c) {
    return c != ' ' && c != '\n';
}

// The snippet's text is a piece of `text` that starts and ends at word edges.
void expect_whole_words(const std::string& text, const Snippet& snippet) {
    const std::string inner = inner_text(snippet);
    ASSERT_FALSE(inner.empty());
    const std::size_t at = text.find(inner);
    ASSERT_NE(at, std::string::npos) << "snippet text not found in the post: " << inner;
    if (at > 0) {
        EXPECT_FALSE(is_word_byte(text[at - 1])) << "starts inside a word: " << inner;
    }
    const std::size_t end = at + inner.size();
    if (end < text.size()) {
        EXPECT_FALSE(is_word_byte(text[end])) << "ends inside a word: " << inner;
    }
}

TEST(SnippetMaker, MarksStemmedVariantsAndCapitalisedWords) {
    SnippetMaker maker(english(), stems({"ceasefire", "kerry"}));
    const Snippet snippet = maker.make("Kerry said the ceasefires would hold; KERRY'S CEASEFIRE held. Ceased fire.");
    EXPECT_EQ(marked(snippet), (std::vector<std::string>{"Kerry", "ceasefires", "KERRY'S", "CEASEFIRE"}));
    EXPECT_EQ(snippet_text(snippet, false),
              "Kerry said the ceasefires would hold; KERRY'S CEASEFIRE held. Ceased fire.");
}

TEST(SnippetMaker, MarksNonAsciiWords) {
    SnippetMaker maker(english(), stems({"\xC3\xA9lections"}));  // élections
    const Snippet snippet = maker.make("Les \xC3\x89lections et les \xC3\xA9lections.");
    EXPECT_EQ(marked(snippet), (std::vector<std::string>{"\xC3\x89lections", "\xC3\xA9lections"}));
}

// The terms of `query` as idx's query parser makes them (CJK runs become a
// phrase of their characters).
std::vector<std::string> cjk_terms(const std::string& query) {
    Xapian::QueryParser parser;
    const Xapian::Query q =
        parser.parse_query("\"" + query + "\"", Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_PHRASE);
    return {q.get_unique_terms_begin(), q.get_unique_terms_end()};
}

TEST(SnippetMaker, MarksCjkWordsInTextWithoutSpaces) {
    SnippetMaker maker(Xapian::Stem(), cjk_terms("脆弱性"));
    const Snippet snippet = maker.make("REXML gem内のDoS脆弱性が発見されました。この脆弱性は性能に関係しない。弱い");
    EXPECT_EQ(marked(snippet), (std::vector<std::string>{"脆弱性", "脆弱性"})) << "性 and 弱 alone are other words";
    EXPECT_EQ(snippet_html(snippet),
              "REXML gem内のDoS<mark>脆弱性</mark>が発見されました。この<mark>脆弱性</mark>は性能に関係しない。弱い");
    EXPECT_NE(snippet_text(snippet, true).find("\033[1m脆弱性\033[0mが発見"), std::string::npos)
        << "bold on a terminal too";

    std::vector<std::string> mixed = cjk_terms("취약점");
    mixed.push_back("rexml");
    SnippetMaker both(Xapian::Stem(), mixed);
    EXPECT_EQ(marked(both.make("REXML의 취약점이 보고되었습니다")), (std::vector<std::string>{"REXML", "취약점"}));
    EXPECT_EQ(marked(SnippetMaker(Xapian::Stem(), {"gem"}).make("REXML gem内のDoS")),
              (std::vector<std::string>{"gem"}));
    EXPECT_EQ(marked(SnippetMaker(Xapian::Stem(), {"dos"}).make("gem内のDoS脆弱性")), (std::vector<std::string>{"DoS"}))
        << "a Latin word glued to CJK text is a word of its own";
    EXPECT_EQ(marked(SnippetMaker(Xapian::Stem(), cjk_terms("性")).make("脆弱性は性能")),
              (std::vector<std::string>{"性", "性"}))
        << "a one-character query marks that character";
}

TEST(SnippetMaker, ShortTextIsShownWholeWithoutEllipses) {
    SnippetMaker maker(english(), stems({"heron"}));
    const std::string text = "A grey heron waits on the weir.";
    const Snippet snippet = maker.make(text);
    EXPECT_EQ(snippet_text(snippet, false), text);
    EXPECT_EQ(snippet_text(snippet, false).find(kEllipsis), std::string::npos);
}

TEST(SnippetMaker, WindowIsAroundTheDensestClusterOfMatches) {
    const std::string cluster = "Kerry and Lavrov agreed on a ceasefire in Geneva.";
    const std::string text = filler(60, 1) + "Kerry " + filler(600, 2) + cluster + " " + filler(800, 3);
    SnippetMaker maker(english(), stems({"kerry", "lavrov", "ceasefire"}));
    const Snippet snippet = maker.make(text);
    const std::vector<std::string> words = marked(snippet);
    EXPECT_EQ(words, (std::vector<std::string>{"Kerry", "Lavrov", "ceasefire"}));
    const std::string shown = snippet_text(snippet, false);
    EXPECT_NE(shown.find(cluster), std::string::npos) << shown;
    EXPECT_EQ(shown.rfind(kEllipsis + " ", 0), 0u) << "no ellipsis at the cut start: " << shown;
    EXPECT_EQ(shown.substr(shown.size() - kEllipsis.size() - 1), " " + kEllipsis) << shown;
    const std::size_t inner = inner_text(snippet).size();
    EXPECT_LE(inner, 200u);
    EXPECT_GE(inner, 150u);  // the window is filled, not just the matches
    expect_whole_words(text, snippet);
}

TEST(SnippetMaker, RespectsTheRequestedLength) {
    const std::string text = filler(300, 4) + "ceasefire " + filler(300, 5);
    SnippetMaker maker(english(), stems({"ceasefire"}));
    for (const std::size_t length : {80u, 120u, 200u, 300u}) {
        const Snippet snippet = maker.make(text, length);
        EXPECT_LE(inner_text(snippet).size(), length);
        EXPECT_EQ(marked(snippet), (std::vector<std::string>{"ceasefire"})) << length;
        expect_whole_words(text, snippet);
    }
}

TEST(SnippetMaker, NeverCutsInsideAWord) {
    SnippetMaker maker(english(), stems({"ceasefire"}));
    // Shift the match across every byte position so cuts land everywhere.
    for (std::size_t shift = 0; shift < 40; ++shift) {
        const std::string text =
            std::string(shift, 'x') + " " + filler(250, 6) + "ceasefire " + filler(250, static_cast<unsigned>(shift));
        const Snippet snippet = maker.make(text);
        expect_whole_words(text, snippet);
        EXPECT_EQ(marked(snippet).size(), 1u) << shift;
    }
}

TEST(SnippetMaker, NeverCutsInsideAUtf8Sequence) {
    // Two-, three- and four-byte characters, in words and between them.
    const std::string words[] = {"caf\xC3\xA9",
                                 "cr\xC3\xA8me",
                                 "br\xC3\xBBl\xC3\xA9"
                                 "e",
                                 "\xE2\x80\x93",
                                 "\xE6\x9D\xB1\xE4\xBA\xAC",
                                 "\xF0\x9F\x98\x80\xF0\x9F\x98\x80",
                                 "na\xC3\xAFve"};
    SnippetMaker maker(english(), stems({"ceasefire"}));
    for (std::size_t shift = 0; shift < 12; ++shift) {
        std::string text(shift, 'a');
        text += ' ';
        for (int i = 0; text.size() < 400; ++i) text += words[static_cast<std::size_t>(i) % 7] + " ";
        text += "ceasefire ";
        for (int i = 0; text.size() < 900; ++i) text += words[static_cast<std::size_t>(i + 3) % 7] + " ";
        const Snippet snippet = maker.make(text);
        for (const SnippetPart& part : snippet.parts) EXPECT_TRUE(is_clean_utf8(part.text)) << shift;
        expect_whole_words(text, snippet);
    }
    // Without any match the window starts at the text, and the end cut must still be clean.
    SnippetMaker nothing(english(), {});
    std::string text;
    while (text.size() < 600) text += "\xE6\x9D\xB1\xE4\xBA\xAC\xE6\x9D\xB1 ";
    EXPECT_TRUE(is_clean_utf8(snippet_text(nothing.make(text), false)));
}

TEST(SnippetMaker, NoQueryWordsGiveTheStartOfTheText) {
    const std::string text = "First words of the post. " + filler(500, 7);
    SnippetMaker maker(english(), {});
    const Snippet snippet = maker.make(text);
    const std::string shown = snippet_text(snippet, false);
    EXPECT_EQ(shown.rfind("First words of the post.", 0), 0u) << shown;
    EXPECT_TRUE(marked(snippet).empty());
    EXPECT_EQ(shown.substr(shown.size() - kEllipsis.size() - 1), " " + kEllipsis);
    expect_whole_words(text, snippet);
}

TEST(SnippetMaker, EmptyTextGivesAnEmptySnippet) {
    SnippetMaker maker(english(), stems({"ceasefire"}));
    EXPECT_TRUE(maker.make("").parts.empty());
}

TEST(SnippetMaker, NewlinesBecomeSpaces) {
    SnippetMaker maker(english(), stems({"heron"}));
    const std::string shown = snippet_text(maker.make("First block.\nA heron.\nLast block."), false);
    EXPECT_EQ(shown, "First block. A heron. Last block.");
}

TEST(SnippetHtml, ScriptInThePostTextComesOutInert) {
    SnippetMaker maker(english(), stems({"alert"}));
    const std::string html = snippet_html(maker.make("Before <script>alert(1)</script> after & more"));
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("</script"), std::string::npos) << html;
    EXPECT_NE(html.find("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"), std::string::npos) << html;
    EXPECT_NE(html.find("after &amp; more"), std::string::npos) << html;
}

TEST(SnippetText, BoldWrapsMatchesAndPlainDoesNot) {
    SnippetMaker maker(english(), stems({"heron"}));
    const Snippet snippet = maker.make("A grey heron waits.");
    EXPECT_EQ(snippet_text(snippet, false), "A grey heron waits.");
    EXPECT_EQ(snippet_text(snippet, true), "A grey \033[1mheron\033[0m waits.");
}

// Xapian indexes `15.1` and `1,000` as one term each: the snippet must mark
// the same words, not miss them by splitting at the dot.
TEST(SnippetWords, DottedNumbersAreOneWord) {
    SnippetMaker maker(english(), {"15.1", "1,000"});
    const std::string text = "Leap 15.1 ships; 15.10 and 15 . 1 do not, nor 1.15.1x; 1,000 mirrors.";
    EXPECT_EQ(marked(maker.make(text)), (std::vector<std::string>{"15.1", "1,000"}));
}

TEST(SnippetWords, AmpersandAndCurlyApostropheJoinWordsAsXapianDoes) {
    SnippetMaker maker(english(), stems({"at&t", "kerry's"}));
    EXPECT_EQ(marked(maker.make("AT&T and Kerry\xE2\x80\x99s deal.")),
              (std::vector<std::string>{"AT&T", "Kerry\xE2\x80\x99s"}));
}

TEST(SnippetWords, NoByteOrderMarkOrZeroWidthNoiseAtTheEdges) {
    SnippetMaker maker(english(), stems({"harbour"}));
    const std::string text = "\xEF\xBB\xBF\xE2\x80\x8B The harbour\xEF\xBB\xBF opens.\xE2\x80\x8B";
    const std::string shown = snippet_text(maker.make(text), false);
    EXPECT_EQ(shown, "The harbour opens.");
    EXPECT_EQ(marked(maker.make(text)), (std::vector<std::string>{"harbour"}));
}

}  // namespace
}  // namespace idx::query
