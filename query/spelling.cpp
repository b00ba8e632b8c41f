#include "query/spelling.hpp"

#include <algorithm>

#include "common/schema.hpp"

namespace idx::query {
namespace {

constexpr std::size_t kMaxCandidates = 12;

struct QueryWord {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string lower;
    bool wanted = true;  // false after NOT: the reader wants posts without it
};

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_operator(std::string_view word) {
    return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ";
}

// Where the value after `field:` (at `pos`) ends: a quoted value at its
// closing quote, a bare one at the next blank or closing parenthesis.
std::size_t end_of_field_value(const std::string& query, std::size_t pos) {
    if (pos < query.size() && query[pos] == '"') {
        const std::size_t close = query.find('"', pos + 1);
        return close == std::string::npos ? query.size() : close + 1;
    }
    while (pos < query.size() && query[pos] != ' ' && query[pos] != ')') ++pos;
    return pos;
}

// The plain words of a query that spelling may correct: letters only, not a
// field name or value (`author:...`), not an operator, not a wildcard, not
// an excluded word.
std::vector<QueryWord> correctable_words(const std::string& query) {
    std::vector<QueryWord> words;
    bool after_not = false;
    std::size_t i = 0;
    while (i < query.size()) {
        if (!is_ascii_letter(query[i]) && static_cast<unsigned char>(query[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t end = i;
        bool letters_only = true;
        while (end < query.size() && query[end] != ' ' && query[end] != '"' && query[end] != '(' && query[end] != ')' &&
               query[end] != ':' && query[end] != '*') {
            letters_only = letters_only && is_ascii_letter(query[end]);
            ++end;
        }
        if (end < query.size() && query[end] == ':') {
            i = end_of_field_value(query, end + 1);
            continue;
        }
        const std::string_view word(query.data() + i, end - i);
        const bool wildcard = end < query.size() && query[end] == '*';
        const bool excluded = i > 0 && query[i - 1] == '-';
        if (letters_only && !wildcard && !excluded && !is_operator(word) && word.size() >= 3) {
            std::string lower(word);
            for (char& c : lower) c = static_cast<char>(c | 0x20);
            words.push_back({i, end, std::move(lower), !after_not});
        }
        after_not = word == "NOT";
        i = end;
    }
    return words;
}

}  // namespace

unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    std::vector<unsigned> before(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = static_cast<unsigned>(i);
        unsigned row_min = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            unsigned best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, before[j - 2] + 1);
            current[j] = best;
            row_min = std::min(row_min, best);
        }
        if (row_min > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], limit + 1);
}

bool clearly_more_matches(Xapian::doccount original, Xapian::doccount corrected) {
    // Twice as many, and at least one: the reader gains posts, not noise.
    return corrected > 0 && corrected / 2 >= original && corrected > original;
}

SpellingCorrector::SpellingCorrector(const Xapian::Database& db, std::vector<Xapian::Stem> stemmers,
                                     const Xapian::Stopper& stopper)
    : m_db(db), m_stemmers(std::move(stemmers)), m_stopper(stopper) {}

bool SpellingCorrector::in_dictionary(const std::string& word) const {
    // One term lookup: no need to load the whole dictionary for the common
    // case of a correctly spelt query.
    return m_db.term_exists(schema::boolean_term(schema::prefix::spelling, word));
}

bool SpellingCorrector::in_index(const std::string& word) const {
    // The indexed terms are stems in each post's language (or the words as
    // written for a language without a stemmer); accent-free forms are
    // indexed beside the originals.
    if (m_db.term_exists(word)) return true;
    return std::any_of(m_stemmers.begin(), m_stemmers.end(),
                       [&](const Xapian::Stem& stem) { return m_db.term_exists(stem(word)); });
}

bool SpellingCorrector::among(const std::string& word, const std::set<std::string>& terms) const {
    if (terms.empty()) return false;
    if (terms.contains(word)) return true;
    return std::any_of(m_stemmers.begin(), m_stemmers.end(),
                       [&](const Xapian::Stem& stem) { return terms.contains(stem(word)); });
}

Xapian::Query SpellingCorrector::in_any_language(Xapian::Query::op join, const std::vector<std::string>& words) const {
    std::vector<Xapian::Query> readings;
    for (const Xapian::Stem& stem : m_stemmers) {
        std::vector<Xapian::Query> terms;
        for (const std::string& word : words) terms.emplace_back(stem(word));
        readings.emplace_back(join, terms.begin(), terms.end());
    }
    return Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
}

Xapian::doccount SpellingCorrector::posts_with_all(const std::vector<std::string>& words,
                                                   Xapian::doccount enough) const {
    std::vector<std::string> kept;
    for (const std::string& word : words)
        if (!m_stopper(word)) kept.push_back(word);
    if (kept.empty()) return 0;
    Xapian::Enquire enquire(m_db);
    enquire.set_query(in_any_language(Xapian::Query::OP_AND, kept));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, enough).get_matches_lower_bound();
}

void SpellingCorrector::load_dictionary() {
    if (m_loaded) return;
    m_loaded = true;
    // The `XW` terms, not Xapian's spelling table: a set of databases sums
    // their frequencies, and a remote database lists them (its spelling
    // table reads as empty).
    const std::string prefix(schema::prefix::spelling);
    for (Xapian::TermIterator it = m_db.allterms_begin(prefix); it != m_db.allterms_end(prefix); ++it)
        m_dictionary.emplace_back((*it).substr(prefix.size()), it.get_termfreq());
}

std::vector<SpellingCorrector::Candidate> SpellingCorrector::candidates(const std::string& word) {
    load_dictionary();
    const unsigned limit = word.size() <= 4 ? 1 : 2;
    std::vector<Candidate> found;
    for (const auto& [entry, frequency] : m_dictionary) {
        const unsigned distance = edit_distance(word, entry, limit);
        if (distance <= limit) found.push_back({entry, distance, frequency});
    }
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.frequency > b.frequency;
    });
    if (found.size() > kMaxCandidates) found.resize(kMaxCandidates);
    return found;
}

Xapian::doccount SpellingCorrector::co_occurrence(const std::string& word, const std::vector<std::string>& context) {
    if (context.empty()) return 0;
    const Xapian::Query query(Xapian::Query::OP_AND, in_any_language(Xapian::Query::OP_OR, {word}),
                              in_any_language(Xapian::Query::OP_OR, context));
    Xapian::Enquire enquire(m_db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, m_db.get_doccount()).get_matches_estimated();
}

std::optional<std::string> SpellingCorrector::correct(const std::string& query,
                                                      const std::set<std::string>& found_terms) {
    std::vector<QueryWord> words = correctable_words(query);
    std::vector<std::size_t> misspelt;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i].lower;
        if (m_stopper(w) || among(w, found_terms) || in_dictionary(w) || in_index(w)) continue;
        misspelt.push_back(i);
    }
    if (misspelt.empty()) return std::nullopt;

    // Each misspelt word is judged in the company of the others, as they
    // would read once corrected (first guess: the nearest frequent word).
    std::vector<std::string> reading;
    std::vector<std::vector<Candidate>> options(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) reading.push_back(words[i].lower);
    for (const std::size_t i : misspelt) {
        options[i] = candidates(words[i].lower);
        if (!options[i].empty()) reading[i] = options[i].front().word;
    }
    bool changed = false;
    for (const std::size_t i : misspelt) {
        if (options[i].empty()) continue;
        reading[i] = words[i].lower;  // until a correction is chosen below
        std::vector<std::string> context;
        for (std::size_t k = 0; k < words.size(); ++k)
            if (k != i && !m_stopper(reading[k])) context.push_back(reading[k]);
        const Candidate* best = nullptr;
        Xapian::doccount best_together = 0;
        for (const Candidate& c : options[i]) {
            const Xapian::doccount together = co_occurrence(c.word, context);
            const bool better =
                best == nullptr || (together > 0) > (best_together > 0) ||
                ((together > 0) == (best_together > 0) &&
                 (c.distance < best->distance || (c.distance == best->distance && together > best_together)));
            if (better) {
                best = &c;
                best_together = together;
            }
        }
        reading[i] = best->word;
        changed = true;
    }
    if (!changed) return std::nullopt;
    // The words the reader wants, as typed and as corrected: the correction
    // must find clearly more posts that hold them all.
    // A rare known word ("Kery" is in three posts) must not block the
    // correction of another: when no post holds every corrected word with
    // the rest, the changed words alone must be in posts together.
    std::vector<std::string> original;
    std::vector<std::string> corrected;
    std::vector<std::string> changed_words;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!words[i].wanted) continue;
        original.push_back(words[i].lower);
        corrected.push_back(reading[i]);
        if (reading[i] != words[i].lower) changed_words.push_back(reading[i]);
    }
    const Xapian::doccount everything = m_db.get_doccount();
    const Xapian::doccount before = posts_with_all(original, everything);
    const Xapian::doccount enough = before >= everything / 2 ? everything : 2 * before + 1;
    Xapian::doccount after = posts_with_all(corrected, enough);
    if (after == 0 && before == 0) after = posts_with_all(changed_words, 1);
    if (!clearly_more_matches(before, after)) return std::nullopt;
    std::string out;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        out.append(query, pos, words[i].begin - pos);
        out += reading[i] == words[i].lower ? query.substr(words[i].begin, words[i].end - words[i].begin) : reading[i];
        pos = words[i].end;
    }
    out.append(query, pos);
    return out;
}

}  // namespace idx::query
