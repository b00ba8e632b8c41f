#include "query/snippet.hpp"

#include <algorithm>

#include "common/language.hpp"
#include "common/text_fold.hpp"

namespace idx::query {
namespace {

constexpr std::size_t kKeyBytes = 3;
constexpr std::string_view kEllipsis = "…";

struct Word {
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
    int term = -1;      // index into the matched-term list, -1 when not a match
    bool ascii = true;  // every character is ASCII: no CJK to look for
};

// The code point at text[pos] and its length in bytes. The stored text is
// valid UTF-8 (the indexer repaired it), so decoding needs no checks beyond
// staying inside the text.
unsigned code_point(std::string_view text, std::size_t pos, std::size_t& length) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
        length = 1;
        return lead;
    }
    length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (pos + length > text.size()) {
        length = text.size() - pos;
        return 0xFFFD;
    }
    unsigned cp = lead & (length == 2 ? 0x1Fu : length == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3Fu);
    return cp;
}

// Cuts at a character boundary, never inside a UTF-8 sequence.
std::size_t char_start(std::string_view text, std::size_t pos) {
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0u) == 0x80u) --pos;
    return pos;
}

// Xapian's notion of a word character, with ASCII answered without a table
// lookup: most of a post's bytes are ASCII, and this runs over all of them.
bool is_word_char(unsigned cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    return Xapian::Unicode::is_wordchar(cp);
}

// ASCII word bytes (letters, digits, '_'), as Xapian's is_wordchar says;
// no byte from 0x80 up (those start characters decoded in full).
constexpr std::array<bool, 256> kAsciiWord = [] {
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
    for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
    table['_'] = true;
    return table;
}();

// ASCII bytes that are not word bytes: spaces and punctuation.
constexpr std::array<bool, 256> kAsciiSeparator = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < 0x80; ++c) table[c] = !kAsciiWord[c];
    return table;
}();

[[gnu::noinline]] bool non_ascii_word_char_at(std::string_view text, std::size_t pos, std::size_t& length) {
    return is_word_char(code_point(text, pos, length));
}

// Whether the character at `pos` belongs to a word, and its byte length.
// ASCII (most of a post) is an inlined table lookup; the rest asks Xapian.
inline bool word_char_at(std::string_view text, std::size_t pos, std::size_t& length) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) [[likely]] {
        length = 1;
        return kAsciiWord[b];
    }
    return non_ascii_word_char_at(text, pos, length);
}

// Characters that show as nothing: zero-width space, non-joiner and joiner,
// word joiner and the byte order mark. Xapian ignores them inside words.
bool is_invisible(unsigned cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

bool is_digit(unsigned cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return Xapian::Unicode::get_category(cp) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

// Between two digits, the separators that keep a number one word (15.1,
// 1,000): Xapian's TermGenerator and QueryParser index `15.1` as one term.
bool is_digit_infix(unsigned cp) {
    switch (cp) {
        case ',':
        case '.':
        case ';':
        case 0x037E:
        case 0x0589:
        case 0x060D:
        case 0x07F8:
        case 0x2044:
        case 0xFE10:
        case 0xFE13:
        case 0xFE14:
            return true;
        default:
            return false;
    }
}

// Between two letters: apostrophes (don't, Kerry's), `&` (AT&T) and the
// middle dots Unicode's word rules keep, as Xapian does.
bool is_infix(unsigned cp) {
    return cp == '\'' || cp == '&' || cp == 0xB7 || cp == 0x5F4 || cp == 0x2027 || cp == 0x2019 || cp == 0x201B;
}

// Whether the non-word character at `pos` joins the word character that
// ends at `last` (its start) to the one at `next`, as Xapian's tokeniser
// joins them.
bool joins_word(std::string_view text, std::size_t last, std::size_t pos, std::size_t next) {
    std::size_t length = 0;
    const unsigned cp = code_point(text, pos, length);
    if (is_invisible(cp)) return true;
    if (is_digit(code_point(text, last, length)) && is_digit(code_point(text, next, length))) return is_digit_infix(cp);
    return is_infix(cp);
}

// The next word at or after `pos`, as Xapian's TermGenerator sees words:
// a run of word characters, joined across an apostrophe or `&` between
// letters (don't, Kerry's, AT&T), a `.` `,` or `;` between digits (15.1,
// 1,000) and zero-width characters. Returns false at the end of the text.
// This runs over every byte of every hit's text (a fifth of a search's
// instructions before the ASCII runs got loops of their own), so runs of
// ASCII word bytes and of ASCII separators are each one table test a byte.
bool next_word(std::string_view text, std::size_t& pos, Word& word) {
    const std::size_t size = text.size();
    std::size_t length = 0;
    for (;;) {
        while (pos < size && kAsciiSeparator[static_cast<unsigned char>(text[pos])]) ++pos;
        if (pos >= size) return false;
        if (word_char_at(text, pos, length)) break;
        pos += length;
    }
    word.begin = pos;
    word.ascii = length == 1;
    pos += length;
    while (pos < size) {
        while (pos < size && kAsciiWord[static_cast<unsigned char>(text[pos])]) ++pos;
        if (pos >= size) break;
        if (word_char_at(text, pos, length)) {  // a non-ASCII word character
            word.ascii = false;
            pos += length;
            continue;
        }
        // Most words end at a space or punctuation that joins nothing: one
        // byte test, before looking at the next character.
        const auto b = static_cast<unsigned char>(text[pos]);
        if (b < 0x80 && b != '.' && b != ',' && b != ';' && b != '\'' && b != '&') break;
        const std::size_t next = pos + length;
        std::size_t next_length = 0;
        if (next < size && word_char_at(text, next, next_length) &&
            joins_word(text, char_start(text, pos - 1), pos, next)) {
            word.ascii = word.ascii && length == 1 && next_length == 1;
            pos = next + next_length;
            continue;
        }
        break;
    }
    word.end = pos;
    return true;
}

// Inside a word, for cutting: ASCII letters and digits, and any non-ASCII
// byte (most non-ASCII text in posts is letters).
bool is_word_byte(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
}

// The word as Xapian spells its term: lower case, curly apostrophes
// straightened, zero-width characters dropped.
std::string lower(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned cp = *it;
        if (is_invisible(cp)) continue;
        Xapian::Unicode::append_utf8(out, cp == 0x2019 || cp == 0x201B ? '\'' : Xapian::Unicode::tolower(cp));
    }
    return out;
}

// Whether a snippet may start or end at `pos` without showing blank or
// invisible noise there: spaces, newlines and zero-width characters.
bool is_blank_at(std::string_view text, std::size_t pos, std::size_t& length) {
    const char c = text[pos];
    length = 1;
    if (c == ' ' || c == '\n' || c == '\t') return true;
    if (static_cast<unsigned char>(c) < 0x80) return false;
    return is_invisible(code_point(text, pos, length));
}

// A byte order mark is noise left by an editor or a concatenation, wherever
// it stands; the other zero-width characters can matter (joiners in emoji
// and Persian), so they are only trimmed at the snippet's ends.
std::string without_byte_order_marks(std::string_view part) {
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    std::string out;
    out.reserve(part.size());
    for (std::size_t pos = 0; pos < part.size();) {
        const std::size_t found = part.find(kBom, pos);
        out.append(part.substr(pos, found == std::string_view::npos ? std::string_view::npos : found - pos));
        if (found == std::string_view::npos) break;
        pos = found + kBom.size();
    }
    return out;
}

// Whether a word (a run of word characters) holds a CJK character. Words of
// ASCII alone, most of them, answer on their bytes.
bool holds_cjk(std::string_view word) {
    for (std::size_t pos = 0; pos < word.size();) {
        if (static_cast<unsigned char>(word[pos]) < 0x80) {
            ++pos;
            continue;
        }
        std::size_t length = 0;
        if (is_cjk_codepoint(code_point(word, pos, length))) return true;
        pos += length;
    }
    return false;
}

// The matches in a word holding CJK characters (Xapian's FLAG_CJK_NGRAM
// splits it the same way): in each CJK run, the characters in a row that are
// all query terms, two or more of them (a query's CJK word is a phrase of
// its characters), or one alone when `lone` (the query's one CJK term is a
// single character); the text between runs is words of its own, matched by
// `match_word`.
template <class CjkTerm, class MatchWord>
void match_cjk_word(std::string_view text, std::size_t begin, std::size_t end, bool lone, const CjkTerm& cjk_term,
                    MatchWord&& match_word, std::vector<Word>& out) {
    struct Char {
        std::size_t begin, end;
        bool cjk;
        int term;
    };
    std::vector<Char> chars;
    for (std::size_t pos = begin; pos < end;) {
        std::size_t length = 0;
        const bool cjk = is_cjk_codepoint(code_point(text, pos, length));
        chars.push_back({pos, pos + length, cjk, cjk ? cjk_term(text.substr(pos, length)) : -1});
        pos += length;
    }
    for (std::size_t i = 0; i < chars.size();) {
        std::size_t j = i;
        while (j < chars.size() && chars[j].cjk == chars[i].cjk) ++j;
        if (!chars[i].cjk) {
            const int term = match_word(text.substr(chars[i].begin, chars[j - 1].end - chars[i].begin));
            if (term >= 0) out.push_back({chars[i].begin, chars[j - 1].end, term});
        } else {
            for (std::size_t k = i; k < j;) {
                std::size_t last = k;
                while (chars[k].term >= 0 && last + 1 < j && chars[last + 1].term >= 0) ++last;
                if (chars[k].term >= 0 && (last > k || lone))
                    out.push_back({chars[k].begin, chars[last].end, chars[k].term});
                k = last + 1;
            }
        }
        i = j;
    }
}

}  // namespace

SnippetMaker::SnippetMaker(Xapian::Stem stemmer, std::vector<std::string> terms, std::string prefix)
    : m_stemmer(std::move(stemmer)), m_terms(std::move(terms)), m_prefix(std::move(prefix)) {
    if (!m_prefix.empty()) {
        const auto found = std::find(m_terms.begin(), m_terms.end(), m_prefix);
        m_prefix_term = static_cast<int>(found - m_terms.begin());
        if (found == m_terms.end()) m_terms.push_back(m_prefix);
    }
    for (std::size_t i = 0; i < m_terms.size(); ++i) {
        const std::string& term = m_terms[i];
        m_keys.push_back(term.substr(0, kKeyBytes));
        if (!term.empty()) m_first_bytes[static_cast<unsigned char>(term[0])] = true;
        std::size_t length = 0;
        if (term.empty() || static_cast<unsigned char>(term[0]) < 0x80 ||
            !is_cjk_codepoint(code_point(term, 0, length)))
            continue;
        m_cjk_terms.emplace(term, static_cast<int>(i));
    }
    m_cjk_lone = m_cjk_terms.size() == 1 && m_cjk_terms.begin()->first.size() <= 4;
}

int SnippetMaker::match_term(std::string_view word) {
    if (!could_match_first_byte(word[0])) return -1;
    // Cheap pre-check on the first bytes, lower-cased as ASCII: a word whose
    // start differs from every query stem's start cannot stem to one of them.
    // (Non-ASCII starts skip the pre-check and take the full path.)
    char head[kKeyBytes] = {};
    const std::size_t head_len = std::min(kKeyBytes, word.size());
    bool ascii = true;
    for (std::size_t i = 0; i < head_len; ++i) {
        const char c = word[i];
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        head[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view head_view(head, head_len);
    const bool candidate = !ascii || std::any_of(m_keys.begin(), m_keys.end(), [&](const std::string& key) {
        return head_view.substr(0, key.size()) == key;
    });
    if (!candidate) return -1;
    const std::string low = lower(word);
    const auto cached = m_seen.find(low);
    if (cached != m_seen.end()) return cached->second;
    if (m_prefix_term >= 0 && low.starts_with(m_prefix)) {
        m_seen.emplace(low, m_prefix_term);
        return m_prefix_term;
    }
    const std::string stem = m_stemmer(low);
    int term = -1;
    for (std::size_t i = 0; i < m_terms.size() && term < 0; ++i) {
        if (m_terms[i] == stem || m_terms[i] == low) term = static_cast<int>(i);
    }
    // `Nurnberg` matched the accent-free form indexed beside `Nürnberg`:
    // mark the word as written.
    if (term < 0 && has_accents(low)) {
        const std::string plain = fold_accents(low);
        const std::string plain_stem = m_stemmer(plain);
        for (std::size_t i = 0; i < m_terms.size() && term < 0; ++i) {
            if (m_terms[i] == plain_stem || m_terms[i] == plain) term = static_cast<int>(i);
        }
    }
    m_seen.emplace(low, term);
    return term;
}

Snippet SnippetMaker::make(std::string_view text, std::size_t length) {
    Snippet snippet;
    if (text.empty()) return snippet;
    std::vector<Word> matches;
    if (!m_terms.empty()) {
        Word word;
        for (std::size_t pos = 0; next_word(text, pos, word);) {
            const std::string_view written = text.substr(word.begin, word.end - word.begin);
            if (!word.ascii && holds_cjk(written)) {  // CJK text is no word to stem: its n-grams are matched
                match_cjk_word(
                    text, word.begin, word.end, m_cjk_lone,
                    [&](std::string_view gram) {
                        const auto it = m_cjk_terms.find(std::string(gram));
                        return it == m_cjk_terms.end() ? -1 : it->second;
                    },
                    [&](std::string_view part) { return match_term(part); }, matches);
                continue;
            }
            if (!could_match_first_byte(written[0])) continue;  // most words: the call saved
            word.term = match_term(written);
            if (word.term >= 0) matches.push_back(word);
        }
    }

    // The window of `length` bytes holding the most distinct terms (then the
    // most matches), starting a little before its first match.
    std::size_t best_first = 0;
    std::size_t best_distinct = 0;
    std::size_t best_count = 0;
    for (std::size_t a = 0; a < matches.size(); ++a) {
        const std::size_t start = matches[a].begin;
        std::vector<int> seen;
        std::size_t count = 0;
        for (std::size_t b = a; b < matches.size() && matches[b].end <= start + length; ++b) {
            ++count;
            if (std::find(seen.begin(), seen.end(), matches[b].term) == seen.end()) seen.push_back(matches[b].term);
        }
        if (seen.size() > best_distinct || (seen.size() == best_distinct && count > best_count)) {
            best_distinct = seen.size();
            best_count = count;
            best_first = a;
        }
    }
    std::size_t begin = 0;
    if (!matches.empty()) {
        const std::size_t first = matches[best_first].begin;
        begin = first - std::min<std::size_t>(length / 4, first);
    }
    std::size_t end = std::min(text.size(), begin + length);
    if (end == text.size() && end > length) begin = end - length;  // fill the window near the end
    // Never start or end inside a word.
    while (begin > 0 && begin < text.size() && is_word_byte(text[begin - 1]) && is_word_byte(text[begin])) ++begin;
    while (end < text.size() && end > begin && is_word_byte(text[end - 1]) && is_word_byte(text[end])) --end;
    begin = char_start(text, begin);
    end = char_start(text, end);
    for (std::size_t blank = 0; begin < end && is_blank_at(text, begin, blank);) begin += blank;
    for (std::size_t blank = 0; end > begin;) {
        const std::size_t last = char_start(text, end - 1);
        if (!is_blank_at(text, last, blank)) break;
        end = last;
    }

    const auto add = [&](std::string_view part, bool match) {
        std::string piece = without_byte_order_marks(part);
        std::replace(piece.begin(), piece.end(), '\n', ' ');
        if (!match && !snippet.parts.empty() && !snippet.parts.back().match)
            snippet.parts.back().text += piece;
        else
            snippet.parts.push_back({std::move(piece), match});
    };
    // An ellipsis only where visible text was cut (not a leading BOM).
    std::size_t shown_from = 0;
    for (std::size_t blank = 0; shown_from < begin && is_blank_at(text, shown_from, blank);) shown_from += blank;
    std::size_t shown_to = text.size();
    for (std::size_t blank = 0; shown_to > end;) {
        const std::size_t last = char_start(text, shown_to - 1);
        if (!is_blank_at(text, last, blank)) break;
        shown_to = last;
    }
    if (shown_from < begin) add(std::string(kEllipsis) + " ", false);
    std::size_t pos = begin;
    for (const Word& w : matches) {
        if (w.begin < begin || w.end > end) continue;
        add(text.substr(pos, w.begin - pos), false);
        add(text.substr(w.begin, w.end - w.begin), true);
        pos = w.end;
    }
    add(text.substr(pos, end - pos), false);
    if (end < shown_to) add(std::string(" ") + std::string(kEllipsis), false);
    return snippet;
}

}  // namespace idx::query
