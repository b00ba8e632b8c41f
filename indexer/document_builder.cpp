#include "indexer/document_builder.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/schema.hpp"
#include "common/stop_words.hpp"
#include "common/stored_text.hpp"
#include "common/text_fold.hpp"
#include "common/utf8.hpp"
#include "indexer/author_names.hpp"
#include "indexer/caching_stemmer.hpp"

namespace idx::indexer {
namespace {

void add_label_terms(Xapian::Document& doc, std::string_view prefix, const std::vector<std::string>& values) {
    for (const std::string& value : values) doc.add_boolean_term(schema::label_term(prefix, value));
}

// Marks a word without accents in the accent-free pass: its term is the
// original's and is not added twice. No stem contains this byte.
constexpr char kNoAccent = '\x01';

// Stems the accent-free form of words that have accents, and answers
// kNoAccent for the rest, so every word still takes its position and the
// accent-free terms line up with the originals (phrases work on either).
class AccentFreeStemmer : public Xapian::StemImplementation {
public:
    explicit AccentFreeStemmer(Xapian::Stem stemmer) : m_stemmer(std::move(stemmer)) {}

    std::string operator()(const std::string& word) override {
        if (!has_accents(word)) return std::string(1, kNoAccent);
        std::string plain = fold_accents(word);
        if (plain == word) return std::string(1, kNoAccent);
        return m_stemmer(plain);
    }

    std::string get_description() const override { return "accent-free " + m_stemmer.get_description(); }

private:
    Xapian::Stem m_stemmer;
};

// Maximum title words in the exact-title term: longer titles are not typed.
constexpr std::size_t kMaxExactTitleWords = 32;

// At most `max_bytes` of `text`, ending before a blank when one is near.
std::string_view cut_at_word(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    const std::string_view cut = truncate_utf8(text, max_bytes);
    constexpr std::size_t kLookBack = 256;  // a longer "word" is not one: cut anywhere
    const std::size_t blank = cut.find_last_of(" \n");
    if (blank != std::string_view::npos && cut.size() - blank <= kLookBack) return cut.substr(0, blank);
    return cut;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const IndexSettings& settings)
    : m_default_stop_words(effective_stop_words(settings)),
      m_title_weight(settings.title_weight),
      m_split_authors(settings.split_authors) {
    const std::optional<Language> language = resolve_language(settings.language);
    if (!language) throw Error("language '" + settings.language + "' is not a language code or Snowball name");
    m_default = *language;
    // Chinese, Japanese and Korean are written without blanks between words:
    // Xapian splits their runs into single characters and pairs, and the
    // query side does the same (query_builder.cpp), in every post whatever
    // its language, since CJK names turn up in other languages' posts too.
    // The accent-free pass splits alike, so its positions match.
    m_terms.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    m_accent_free.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    // Even without stemming, the accent-free pass goes through its stemmer:
    // that is where words are folded (Stem() leaves a word as it is).
    m_accent_free.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
    use_language(m_default.code);
}

void DocumentBuilder::use_language(const std::string& code) {
    auto it = m_languages.find(code);
    if (it == m_languages.end()) {
        // A post without a language (built outside the parser) is in the default one.
        const Language language =
            code.empty() ? m_default : language_for_post(resolve_language(code).value_or(Language{}), m_default);
        LanguageTools tools;
        tools.stemmer = make_caching_stemmer(language.stemmer);
        tools.accent_free = Xapian::Stem(new AccentFreeStemmer(tools.stemmer));
        const std::vector<std::string> stop_words =
            language.code == m_default.code ? m_default_stop_words : builtin_stop_words(language.code);
        for (const std::string& word : stop_words) tools.stopped_stems.insert(tools.stemmer(word));
        it = m_languages.emplace(code, std::move(tools)).first;
    }
    m_language = &it->second;
    // Only stemmed terms, with positions: phrases match on stems, and the
    // writer stores one posting per word instead of two. Measured on the
    // whenitson posts: 30% less CPU for a full build and a 23% smaller index
    // than STEM_SOME's unstemmed-plus-Z-stemmed pairs. Stop words are indexed
    // too (phrases such as "the who" need them); queries drop them.
    m_terms.set_stemmer(m_language->stemmer);
    // Without a stemmer, STEM_ALL would index nothing at all.
    m_terms.set_stemming_strategy(m_language->stemmer.is_none() ? Xapian::TermGenerator::STEM_NONE
                                                                : Xapian::TermGenerator::STEM_ALL);
    m_accent_free.set_stemmer(m_language->accent_free);
}

void DocumentBuilder::index_text(std::vector<Segment>& segments, const std::string& text, Xapian::termcount weight,
                                 std::string_view prefix) {
    segments.push_back({text, weight, std::string(prefix), m_terms.get_termpos()});
    m_terms.index_text(text, weight, segments.back().prefix);
}

std::string_view DocumentBuilder::index_body(std::vector<Segment>& segments, const Xapian::Document& doc,
                                             std::string_view body) {
    // Pieces are cut at blanks, so the words and positions are those of one
    // call over the whole body; the limits are checked between pieces.
    constexpr std::size_t kPiece = 64 * 1024;
    const Xapian::termpos start = m_terms.get_termpos();
    std::size_t done = 0;
    while (done < body.size()) {
        const std::string_view piece = cut_at_word(body.substr(done), kPiece);
        if (piece.empty()) break;  // cannot happen with a piece this long: a guard against looping
        m_terms.index_text(Xapian::Utf8Iterator(piece.data(), piece.size()));
        done += piece.size();
        if (doc.termlist_count() >= kMaxPostTerms || m_terms.get_termpos() - start >= kMaxPostWords) break;
    }
    const std::string_view indexed = body.substr(0, done);
    segments.push_back({indexed, 1, std::string(), start});
    return indexed;
}

void DocumentBuilder::add_accent_free_terms(Xapian::Document& doc, const std::vector<Segment>& segments) {
    // Most posts in English have no accented letter: one byte scan each.
    if (std::none_of(segments.begin(), segments.end(), [](const Segment& s) { return has_accents(s.text); })) return;
    Xapian::Document scratch;
    m_accent_free.set_document(scratch);
    for (const Segment& segment : segments) {
        if (!has_accents(segment.text)) continue;
        m_accent_free.set_termpos(segment.start);
        m_accent_free.index_text(Xapian::Utf8Iterator(segment.text.data(), segment.text.size()), segment.weight,
                                 segment.prefix);
    }
    for (Xapian::TermIterator it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
        const std::string term = *it;
        if (term.empty() || term.back() == kNoAccent) continue;
        for (Xapian::PositionIterator pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos)
            doc.add_posting(term, *pos, 0);
        doc.add_term(term, it.get_wdf());
    }
}

std::string DocumentBuilder::exact_title_term(const Xapian::Document& doc) const {
    // The title's stems in the order written, read back from its `S`
    // postings: the same splitting and stemming as the query's words get.
    std::vector<std::pair<Xapian::termpos, std::string>> words;
    const std::string prefix(schema::prefix::title);
    Xapian::TermIterator it = doc.termlist_begin();
    for (it.skip_to(prefix); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        if (term.compare(0, prefix.size(), prefix) != 0) break;
        std::string stem = term.substr(prefix.size());
        if (m_language->stopped_stems.count(stem) != 0) continue;
        for (Xapian::PositionIterator pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos)
            words.emplace_back(*pos, stem);
    }
    if (words.empty() || words.size() > kMaxExactTitleWords) return {};
    std::sort(words.begin(), words.end());
    std::vector<std::string> stems;
    for (auto& word : words) stems.push_back(std::move(word.second));
    return schema::title_key_term(stems);
}

BuiltDocument DocumentBuilder::build(const Post& given, const SourceRecord& source) {
    // "Ann Lee and Bo Li" are two authors (unless the settings say not):
    // a copy of the post only when a name was split.
    std::optional<Post> split;
    if (m_split_authors) {
        std::vector<std::string> names = split_authors(given.authors);
        if (names != given.authors) {
            split = given;
            split->authors = std::move(names);
        }
    }
    const Post& post = split ? *split : given;

    BuiltDocument built;
    Xapian::Document& doc = built.document;
    use_language(post.lang);
    m_terms.set_document(doc);
    m_terms.set_termpos(0);

    // Title: under its own prefix for `title:`, and with a heavier weight in
    // the free text so title matches rank above body matches.
    std::vector<Segment> segments;
    index_text(segments, post.title, 1, schema::prefix::title);
    index_text(segments, post.title, m_title_weight);
    m_terms.increase_termpos();
    const std::string_view body = index_body(segments, doc, post.text);
    if (body.size() < post.text.size()) built.body_cut_after_words = m_terms.get_termpos() - segments.back().start;
    m_terms.increase_termpos();
    // Front-matter labels are words a reader may search for, too.
    const std::string authors = join_lines(post.authors);
    const std::string categories = join_lines(post.categories);
    const std::string tags = join_lines(post.tags);
    index_text(segments, authors, 1);
    index_text(segments, categories, 1);
    index_text(segments, tags, 1);
    const std::string exact_title = exact_title_term(doc);
    if (!exact_title.empty()) doc.add_boolean_term(exact_title);
    add_accent_free_terms(doc, segments);

    built.unique_term = schema::unique_id_term(post.path);
    doc.add_boolean_term(built.unique_term);
    add_label_terms(doc, schema::prefix::author, post.authors);
    add_label_terms(doc, schema::prefix::category, post.categories);
    add_label_terms(doc, schema::prefix::tag, post.tags);
    if (!post.id.empty()) doc.add_boolean_term(schema::boolean_term(schema::prefix::post_id, post.id));
    if (!post.lang.empty()) doc.add_boolean_term(schema::boolean_term(schema::prefix::lang, post.lang));
    std::string date_key;
    if (post.date) {
        const PostDate& d = *post.date;
        doc.add_boolean_term(schema::year_term(d.year));
        doc.add_boolean_term(schema::month_term(d.year, d.month));
        date_key = to_sort_key(d);
        doc.add_value(schema::slot::date, date_key);
    }
    doc.add_value(schema::slot::date_order, schema::date_order_key(date_key, post.path));
    doc.add_value(schema::slot::facets, encode_facets(post));
    for (int field = 0; field < kFacetFieldCount; ++field)
        doc.add_value(field_facets_slot(static_cast<FacetField>(field)),
                      encode_field_facets(post, static_cast<FacetField>(field)));
    doc.add_value(schema::slot::source, encode_source(source));

    doc.set_data(encode_document_data(post));
    doc.add_value(schema::slot::text, encode_stored_text(cut_at_word(body, kMaxStoredText)));

    built.spelling_words = m_spelling.of_title(post.title);
    for (const std::string& word : built.spelling_words)
        doc.add_boolean_term(schema::boolean_term(schema::prefix::spelling, word));
    // The document goes to the writer's thread, and Xapian counts a
    // document's handles without atomics: the term generator must let go of
    // its handle here, or its next set_document() would race the writer's
    // release of this one (a lost count leaked documents under ASan).
    m_terms.set_document(Xapian::Document());
    return built;
}

}  // namespace idx::indexer
