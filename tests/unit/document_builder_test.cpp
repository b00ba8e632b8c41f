// The document builder's own rules: weights, phrases, stored text, terms
// for labels and languages. What real fixture posts give is checked by the
// index-check test (tests/index_check/).
#include "indexer/document_builder.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/utf8.hpp"
#include "tests/support/built_document.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

using Strings = std::vector<std::string>;
using test::stored_post;
using test::terms_of;

Post simple_post(std::string title, std::string text) {
    Post post;
    post.path = "/p/simple.md";
    post.title = std::move(title);
    post.text = std::move(text);
    return post;
}

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

TEST(DocumentBuilder, TitleWordsWeighMore) {
    for (const unsigned weight : {1u, 5u, 9u}) {
        IndexSettings settings;
        settings.title_weight = weight;
        DocumentBuilder builder(settings);
        const BuiltDocument built = builder.build(simple_post("Heron", "a river and a river"), {});
        EXPECT_EQ(wdf_of(built.document, "heron"), weight);
        EXPECT_EQ(wdf_of(built.document, "river"), 2u);
        EXPECT_EQ(wdf_of(built.document, "Sheron"), 1u);
    }
}

TEST(DocumentBuilder, PhrasesMatchWithinTheBody) {
    test::TempDir dir("idx-document-builder");
    const std::string db_path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        DocumentBuilder builder(IndexSettings{});
        db.add_document(builder.build(simple_post("Title words", "the lantern festival ended"), {}).document);
        db.commit();
    }
    const Xapian::Database db(db_path);
    Xapian::Enquire enquire(db);
    const auto phrase = [](std::vector<std::string> stems) {
        return Xapian::Query(Xapian::Query::OP_PHRASE, stems.begin(), stems.end());
    };
    enquire.set_query(phrase({"lantern", "festiv"}));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u);
    enquire.set_query(phrase({"festiv", "lantern"}));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
    // The title and the body are apart: no phrase runs from one into the other.
    enquire.set_query(phrase({"word", "the"}));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
}

TEST(DocumentBuilder, NoDateNoDateTermsOrSlot) {
    DocumentBuilder builder(IndexSettings{});
    const BuiltDocument built = builder.build(simple_post("Undated", "text"), {});
    EXPECT_TRUE(built.document.get_value(schema::slot::date).empty());
    for (const std::string& term : terms_of(built.document)) {
        EXPECT_FALSE(term[0] == 'Y' && term.size() == 5 && std::isdigit(static_cast<unsigned char>(term[1]))) << term;
        EXPECT_FALSE(term[0] == 'D' && std::isdigit(static_cast<unsigned char>(term[1]))) << term;
    }
}

TEST(DocumentBuilder, SpellingWordsAreTitleWordsAsWritten) {
    DocumentBuilder builder(IndexSettings{});
    const BuiltDocument built =
        builder.build(simple_post("Ceasefire talks in Geneva 2016 go on", "body words are not spelling words"), {});
    const std::set<std::string> words(built.spelling_words.begin(), built.spelling_words.end());
    EXPECT_TRUE(words.count("ceasefire"));
    EXPECT_TRUE(words.count("talks"));
    EXPECT_TRUE(words.count("geneva"));
    EXPECT_FALSE(words.count("in"));    // too short to correct
    EXPECT_FALSE(words.count("2016"));  // numbers are not misspelt
    EXPECT_FALSE(words.count("body"));
    EXPECT_FALSE(words.count("ceasefir"));
}

TEST(DocumentBuilder, LanguageNoneDoesNotStem) {
    IndexSettings settings;
    settings.language = "none";
    DocumentBuilder builder(settings);
    const std::set<std::string> terms = terms_of(builder.build(simple_post("Talks", "villages"), {}).document);
    EXPECT_TRUE(terms.count("villages"));
    EXPECT_FALSE(terms.count("villag"));
    EXPECT_TRUE(terms.count("Stalks"));
}

TEST(DocumentBuilder, UnknownLanguageIsAnError) {
    IndexSettings settings;
    settings.language = "klingon";
    try {
        DocumentBuilder builder(settings);
        FAIL() << "no error for an unknown language";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("klingon"), std::string::npos);
        EXPECT_EQ(e.code(), ExitCode::usage);
    }
}

std::string words_text(std::size_t bytes) {
    std::string text;
    for (std::size_t i = 0; text.size() < bytes; ++i) text += "w\xC3\xB6rd" + std::to_string(i % 997) + " ";
    return text;
}

// The whole post is indexed, but the stored copy for snippets stops at kMaxStoredText.
TEST(DocumentBuilder, StoredTextIsCut) {
    std::string text = words_text(DocumentBuilder::kMaxStoredText + 50000) + "zzlastword";
    DocumentBuilder builder(IndexSettings{});
    const BuiltDocument built = builder.build(simple_post("Long", text), {});
    const std::optional<Post> data = stored_post(built.document);
    ASSERT_TRUE(data.has_value());
    EXPECT_LE(data->text.size(), DocumentBuilder::kMaxStoredText);
    EXPECT_GT(data->text.size(), DocumentBuilder::kMaxStoredText - 100);
    EXPECT_TRUE(is_clean_utf8(data->text));
    EXPECT_EQ(text.compare(0, data->text.size(), data->text), 0) << "not a beginning of the text";
    EXPECT_TRUE(terms_of(built.document).count("zzlastword")) << "the end of the post was not indexed";
}

TEST(DocumentBuilder, StoredTextIsCutAtAWord) {
    DocumentBuilder builder(IndexSettings{});
    // Shifting the words by one byte at a time puts the limit inside a word in most rounds.
    for (std::size_t shift = 0; shift < 10; ++shift) {
        const std::string text = std::string(shift + 1, 'x') + " " + words_text(DocumentBuilder::kMaxStoredText + 100);
        const std::optional<Post> data = stored_post(builder.build(simple_post("Long", text), {}).document);
        ASSERT_TRUE(data.has_value());
        ASSERT_LT(data->text.size(), text.size());
        const char next = text[data->text.size()];
        const char last = data->text.back();
        EXPECT_TRUE(next == ' ' || last == ' ')
            << "shift " << shift << ": cut inside a word: ..." << data->text.substr(data->text.size() - 10) << "|"
            << text.substr(data->text.size(), 10);
    }
}

TEST(DocumentBuilder, TextAtTheLimitIsStoredWhole) {
    const std::string text = words_text(DocumentBuilder::kMaxStoredText - 20);
    ASSERT_LE(text.size(), DocumentBuilder::kMaxStoredText);
    DocumentBuilder builder(IndexSettings{});
    const std::optional<Post> data = stored_post(builder.build(simple_post("Long", text), {}).document);
    ASSERT_TRUE(data.has_value());
    EXPECT_EQ(data->text, text);
}

// One builder makes many documents: nothing of one may leak into the next.
TEST(DocumentBuilder, ReuseStartsAfresh) {
    DocumentBuilder builder(IndexSettings{});
    Post first = simple_post("First heron", "zzonlyfirst");
    first.authors = {"Ana"};
    builder.build(first, {});
    const std::set<std::string> terms = terms_of(builder.build(simple_post("Second", "river"), {}).document);
    EXPECT_FALSE(terms.count("zzonlyfirst"));
    EXPECT_FALSE(terms.count("Aana"));
    EXPECT_FALSE(terms.count("AAna"));
    EXPECT_TRUE(terms.count("river"));
}

// Accented words keep their own term and gain an accent-free one at the
// same positions; words without accents are not doubled.
TEST(DocumentBuilder, AccentFreeFormsBesideTheOriginals) {
    DocumentBuilder builder(IndexSettings{});
    Post post = simple_post("N\xC3\xBCrnberg notes", "Ivana Latinovi\xC4\x87 met us in N\xC3\xBCrnberg.");
    const Xapian::Document doc = builder.build(post, {}).document;
    const std::set<std::string> terms = terms_of(doc);
    const std::string latinovic = Xapian::Stem("english")("latinovic");  // the query's stem
    for (const std::string& term :
         {std::string("n\xC3\xBCrnberg"), std::string("nurnberg"), std::string("Sn\xC3\xBCrnberg"),
          std::string("Snurnberg"), std::string("latinovi\xC4\x87"), latinovic})
        EXPECT_TRUE(terms.count(term)) << term;
    const auto positions = [&](const std::string& term) {
        std::vector<Xapian::termpos> out;
        Xapian::TermIterator it = doc.termlist_begin();
        it.skip_to(term);
        if (it == doc.termlist_end() || *it != term) return out;
        for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) out.push_back(*pos);
        return out;
    };
    EXPECT_EQ(positions("nurnberg"), positions("n\xC3\xBCrnberg"));
    EXPECT_FALSE(positions("nurnberg").empty());
    EXPECT_EQ(wdf_of(doc, "met"), 1u) << "a word without accents is indexed once";
}

TEST(DocumentBuilder, PlainPostsGetNoExtraTerms) {
    DocumentBuilder builder(IndexSettings{});
    const Xapian::Document doc =
        builder.build(simple_post("Heron at dawn", "A heron \xE2\x80\x94 quiet."), {}).document;
    for (const std::string& term : terms_of(doc)) EXPECT_EQ(term.find('\x01'), std::string::npos) << term;
}

TEST(DocumentBuilder, ExactTitleTermHoldsTheTitleStemsInOrder) {
    DocumentBuilder builder(IndexSettings{});
    const std::set<std::string> terms = terms_of(builder.build(simple_post("The State of Ruby 3.4", "x"), {}).document);
    EXPECT_TRUE(terms.count("XTstate rubi 3.4"));
    EXPECT_EQ(schema::title_key_term({"state", "rubi", "3.4"}), "XTstate rubi 3.4");
}

TEST(DocumentBuilder, LabelsAreIndexedWithoutCaseOrAccents) {
    DocumentBuilder builder(IndexSettings{});
    Post post = simple_post("Notes", "x");
    post.authors = {"Ivana Latinovi\xC4\x87"};
    post.categories = {"Tumbleweed"};
    post.tags = {"openSUSE"};
    const std::set<std::string> terms = terms_of(builder.build(post, {}).document);
    for (const char* term : {"Aivana latinovic", "XCtumbleweed", "Kopensuse"}) EXPECT_TRUE(terms.count(term)) << term;
}

TEST(DocumentBuilder, AuthorsInOneStringAreSplitUnlessTheSettingsSayNot) {
    Post post = simple_post("Notes", "x");
    post.authors = {"Ana Ruiz and Bo Li"};
    {
        DocumentBuilder builder(IndexSettings{});
        const Xapian::Document doc = builder.build(post, {}).document;
        const std::set<std::string> terms = terms_of(doc);
        EXPECT_TRUE(terms.count("Aana ruiz"));
        EXPECT_TRUE(terms.count("Abo li"));
        const std::optional<Post> shown = stored_post(doc);
        ASSERT_TRUE(shown.has_value());
        EXPECT_EQ(shown->authors, (Strings{"Ana Ruiz", "Bo Li"}));
    }
    IndexSettings whole;
    whole.split_authors = false;
    DocumentBuilder builder(whole);
    const std::set<std::string> terms = terms_of(builder.build(post, {}).document);
    EXPECT_TRUE(terms.count("Aana ruiz and bo li"));
    EXPECT_FALSE(terms.count("Abo li"));
}

}  // namespace
}  // namespace idx::indexer
