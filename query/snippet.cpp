#include "query/snippet.hpp"

#include <algorithm>

namespace idx::query {
namespace {

constexpr std::size_t kKeyBytes = 3;
constexpr std::string_view kEllipsis = "…";

struct Word {
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
    int term = -1;  // index into the matched-term list, -1 when not a match
};

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

// Words as Xapian's TermGenerator sees them: runs of word characters, with
// an apostrophe inside a word (don't, Kerry's) kept in it.
std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    Xapian::Utf8Iterator it(text.data(), text.size());
    const Xapian::Utf8Iterator end;
    const char* base = text.data();
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            ++it;
            continue;
        }
        Word word;
        word.begin = static_cast<std::size_t>(it.raw() - base);
        while (it != end) {
            if (Xapian::Unicode::is_wordchar(*it)) {
                ++it;
                continue;
            }
            if (is_apostrophe(*it)) {
                Xapian::Utf8Iterator next = it;
                ++next;
                if (next != end && Xapian::Unicode::is_wordchar(*next)) {
                    it = next;
                    continue;
                }
            }
            break;
        }
        word.end = it == end ? text.size() : static_cast<std::size_t>(it.raw() - base);
        words.push_back(word);
    }
    return words;
}

std::string lower(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    return out;
}

// Cuts at a character boundary, never inside a UTF-8 sequence.
std::size_t char_start(std::string_view text, std::size_t pos) {
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0u) == 0x80u) --pos;
    return pos;
}

}  // namespace

SnippetMaker::SnippetMaker(Xapian::Stem stemmer, std::vector<std::string> terms)
    : m_stemmer(std::move(stemmer)), m_terms(std::move(terms)) {
    for (const std::string& term : m_terms) m_keys.push_back(term.substr(0, kKeyBytes));
}

int SnippetMaker::match_term(std::string_view word) {
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
    const std::string stem = m_stemmer(low);
    int term = -1;
    for (std::size_t i = 0; i < m_terms.size() && term < 0; ++i) {
        if (m_terms[i] == stem || m_terms[i] == low) term = static_cast<int>(i);
    }
    m_seen.emplace(low, term);
    return term;
}

Snippet SnippetMaker::make(std::string_view text, std::size_t length) {
    Snippet snippet;
    if (text.empty()) return snippet;
    std::vector<Word> words = split_words(text);
    std::vector<std::size_t> matches;  // indexes into words
    if (!m_terms.empty()) {
        for (std::size_t i = 0; i < words.size(); ++i) {
            Word& w = words[i];
            w.term = match_term(text.substr(w.begin, w.end - w.begin));
            if (w.term >= 0) matches.push_back(i);
        }
    }

    // The window of `length` bytes holding the most distinct terms (then the
    // most matches), starting a little before its first match.
    std::size_t best_first = 0;
    std::size_t best_distinct = 0;
    std::size_t best_count = 0;
    for (std::size_t a = 0; a < matches.size(); ++a) {
        const std::size_t start = words[matches[a]].begin;
        std::vector<int> seen;
        std::size_t count = 0;
        for (std::size_t b = a; b < matches.size() && words[matches[b]].end <= start + length; ++b) {
            ++count;
            if (std::find(seen.begin(), seen.end(), words[matches[b]].term) == seen.end())
                seen.push_back(words[matches[b]].term);
        }
        if (seen.size() > best_distinct || (seen.size() == best_distinct && count > best_count)) {
            best_distinct = seen.size();
            best_count = count;
            best_first = a;
        }
    }
    std::size_t begin = 0;
    if (!matches.empty()) {
        const std::size_t first = words[matches[best_first]].begin;
        const std::size_t lead = std::min<std::size_t>(length / 4, first);
        begin = first - lead;
    }
    std::size_t end = std::min(text.size(), begin + length);
    if (end == text.size() && end > length) begin = end - length;  // fill the window near the end
    // Snap to word boundaries: never start or end inside a word.
    for (const Word& w : words) {
        if (w.begin < begin && w.end > begin) begin = w.begin == 0 ? 0 : w.end;
        if (w.begin < end && w.end > end) end = w.begin;
    }
    begin = char_start(text, begin);
    end = char_start(text, end);
    while (begin < end && (text[begin] == ' ' || text[begin] == '\n')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;

    const auto add = [&](std::string_view part, bool match) {
        std::string piece(part);
        std::replace(piece.begin(), piece.end(), '\n', ' ');
        if (!match && !snippet.parts.empty() && !snippet.parts.back().match) snippet.parts.back().text += piece;
        else snippet.parts.push_back({std::move(piece), match});
    };
    if (begin > 0) add(std::string(kEllipsis) + " ", false);
    std::size_t pos = begin;
    for (const Word& w : words) {
        if (w.term < 0 || w.begin < begin || w.end > end) continue;
        add(text.substr(pos, w.begin - pos), false);
        add(text.substr(w.begin, w.end - w.begin), true);
        pos = w.end;
    }
    add(text.substr(pos, end - pos), false);
    if (end < text.size()) add(std::string(" ") + std::string(kEllipsis), false);
    return snippet;
}

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string snippet_html(const Snippet& snippet) {
    std::string out;
    for (const SnippetPart& part : snippet.parts) {
        if (part.match) out += "<mark>" + escape_html(part.text) + "</mark>";
        else out += escape_html(part.text);
    }
    return out;
}

std::string snippet_text(const Snippet& snippet, bool bold) {
    std::string out;
    for (const SnippetPart& part : snippet.parts) {
        if (part.match && bold) out += "\033[1m" + part.text + "\033[0m";
        else out += part.text;
    }
    return out;
}

}  // namespace idx::query
