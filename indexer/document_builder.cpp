#include "indexer/document_builder.hpp"

#include "common/schema.hpp"
#include "common/stored_text.hpp"
#include "common/utf8.hpp"
#include "indexer/caching_stemmer.hpp"

namespace idx::indexer {
namespace {

void add_boolean_terms(Xapian::Document& doc, std::string_view prefix, const std::vector<std::string>& values) {
    for (const std::string& value : values) doc.add_boolean_term(schema::boolean_term(prefix, value));
}

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& v : values) {
        out += v;
        out += '\n';
    }
    return out;
}

std::string digits(int value, int width) {
    std::string s = std::to_string(value);
    if (s.size() < static_cast<std::size_t>(width)) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return s;
}

// At most `max_bytes` of `text`, ending before a blank when one is near.
std::string_view cut_at_word(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    const std::string_view cut = truncate_utf8(text, max_bytes);
    constexpr std::size_t kLookBack = 256;  // a longer "word" is not one: cut anywhere
    const std::size_t blank = cut.find_last_of(" \n");
    if (blank != std::string_view::npos && cut.size() - blank <= kLookBack) return cut.substr(0, blank);
    return cut;
}

bool is_spelling_word(std::string_view word) {
    if (word.size() < 3) return false;
    for (const char c : word)
        if (c >= '0' && c <= '9') return false;
    return true;
}

}  // namespace

std::vector<std::string> DocumentBuilder::title_words(const std::string& title) {
    // Xapian's own word splitting, without stemming: the words as written,
    // lower-cased, which is what a misspelt query word is compared with.
    Xapian::Document scratch;
    m_words.set_document(scratch);
    m_words.index_text_without_positions(title);
    std::vector<std::string> words;
    for (Xapian::TermIterator it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
        std::string word = *it;
        if (is_spelling_word(word)) words.push_back(std::move(word));
    }
    return words;
}

DocumentBuilder::DocumentBuilder(const IndexSettings& settings)
    : m_stemmer(make_caching_stemmer(settings.language)), m_title_weight(settings.title_weight) {
    // Only stemmed terms, with positions: phrases match on stems, and the
    // writer stores one posting per word instead of two. Measured on the
    // whenitson posts: 30% less CPU for a full build and a 23% smaller index
    // than STEM_SOME's unstemmed-plus-Z-stemmed pairs. Stop words are indexed
    // too (phrases such as "the who" need them); queries drop them.
    m_terms.set_stemmer(m_stemmer);
    // Without a stemmer, STEM_ALL would index nothing at all.
    m_terms.set_stemming_strategy(m_stemmer.is_none() ? Xapian::TermGenerator::STEM_NONE
                                                      : Xapian::TermGenerator::STEM_ALL);
}

BuiltDocument DocumentBuilder::build(const Post& post, const SourceRecord& source) {
    BuiltDocument built;
    Xapian::Document& doc = built.document;
    m_terms.set_document(doc);
    m_terms.set_termpos(0);

    // Title: under its own prefix for `title:`, and with a heavier weight in
    // the free text so title matches rank above body matches.
    m_terms.index_text(post.title, 1, std::string(schema::prefix::title));
    m_terms.index_text(post.title, m_title_weight);
    m_terms.increase_termpos();
    m_terms.index_text(post.text);
    m_terms.increase_termpos();
    // Front-matter labels are words a reader may search for, too.
    m_terms.index_text(join(post.authors));
    m_terms.index_text(join(post.categories));
    m_terms.index_text(join(post.tags));

    built.unique_term = schema::unique_id_term(post.path);
    doc.add_boolean_term(built.unique_term);
    add_boolean_terms(doc, schema::prefix::author, post.authors);
    add_boolean_terms(doc, schema::prefix::category, post.categories);
    add_boolean_terms(doc, schema::prefix::tag, post.tags);
    if (!post.id.empty()) doc.add_boolean_term(schema::boolean_term(schema::prefix::post_id, post.id));
    if (post.date) {
        const PostDate& d = *post.date;
        const std::string year = digits(d.year, 4);
        doc.add_boolean_term(std::string(schema::prefix::year) + year);
        doc.add_boolean_term(std::string(schema::prefix::month) + year + digits(d.month, 2));
        doc.add_boolean_term(std::string(schema::prefix::day) + year + digits(d.month, 2) + digits(d.day, 2));
        doc.add_value(schema::slot::date, to_sort_key(d));
    }
    doc.add_value(schema::slot::facets, encode_facets(post));
    doc.add_value(schema::slot::source, encode_source(source));

    doc.set_data(encode_document_data(post));
    doc.add_value(schema::slot::text, encode_stored_text(cut_at_word(post.text, kMaxStoredText)));

    built.spelling_words = title_words(post.title);
    return built;
}

}  // namespace idx::indexer
