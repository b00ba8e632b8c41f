#include "common/language.hpp"

#include "common/error.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace idx {
namespace {

struct KnownLanguage {
    std::string_view code;
    std::string_view stemmer;  // the Snowball stemmer for the code; empty: none in Xapian 1.4
};

// ISO 639-1 codes and the Snowball stemmers Xapian 1.4 has for them. Codes not
// listed are still languages (indexed unstemmed); this table only adds stemmers.
constexpr std::array<KnownLanguage, 24> kStemmed = {{
    {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},  {"da", "danish"},
    {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},    {"fr", "french"},   {"de", "german"},
    {"hu", "hungarian"}, {"id", "indonesian"}, {"ga", "irish"},      {"it", "italian"},  {"lt", "lithuanian"},
    {"ne", "nepali"},    {"nb", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},
    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
}};

// Snowball names that are a second stemmer for a language listed above.
constexpr std::array<KnownLanguage, 7> kOtherStemmers = {{
    {"en", "earlyenglish"},
    {"en", "porter"},
    {"en", "lovins"},
    {"de", "german2"},
    {"nl", "kraaij_pohlmann"},
    {"no", "norwegian"},
    {"nn", "norwegian"},
}};

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// `xx`, `xxx`, optionally followed by `_` or `-` and a region of 2 to 8 letters or digits.
std::optional<std::string> canonical_code(std::string_view name) {
    std::string code = lower_ascii(name);
    std::replace(code.begin(), code.end(), '-', '_');
    const std::size_t sep = code.find('_');
    const std::string_view base = std::string_view(code).substr(0, sep);
    if (base.size() < 2 || base.size() > 3) return std::nullopt;
    if (!std::all_of(base.begin(), base.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return std::nullopt;
    if (sep != std::string::npos) {
        const std::string_view region = std::string_view(code).substr(sep + 1);
        if (region.size() < 2 || region.size() > 8) return std::nullopt;
        if (!std::all_of(region.begin(), region.end(),
                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
            return std::nullopt;
    }
    return code;
}

std::string_view stemmer_for_code(std::string_view code) {
    const std::string_view base = code.substr(0, code.find('_'));
    for (const KnownLanguage& known : kStemmed)
        if (known.code == base) return known.stemmer;
    for (const KnownLanguage& known : kOtherStemmers)
        if (known.code == base) return known.stemmer;
    return {};
}

// Decodes one UTF-8 sequence at `pos` (advancing it); an invalid byte decodes
// as itself, so a stray byte is skipped rather than misread as CJK.
unsigned next_codepoint(std::string_view text, std::size_t& pos) {
    const DecodedCodePoint decoded = decode_utf8_at(text, pos);
    if (decoded.length == 0) return static_cast<unsigned char>(text[pos++]);
    pos += decoded.length;
    return static_cast<unsigned>(decoded.code_point);
}

// A CJK character that is part of a word: CJK punctuation (、。「」) and the
// full-width forms of ASCII separate words like blanks do.
bool is_cjk_word_char(unsigned cp) {
    if (!is_cjk_codepoint(cp)) return false;
    if (cp >= 0x3000 && cp <= 0x303F) return false;
    if (cp >= 0xFF00 && cp <= 0xFF65) return false;
    return true;
}

}  // namespace

std::optional<Language> resolve_language(std::string_view name) {
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    const std::string lowered = lower_ascii(name);
    if (lowered == "none") return Language{};
    for (const KnownLanguage& known : kStemmed)
        if (known.stemmer == lowered) return Language{std::string(known.code), std::string(known.stemmer)};
    for (const KnownLanguage& known : kOtherStemmers)
        if (known.stemmer == lowered) return Language{std::string(known.code), std::string(known.stemmer)};
    std::optional<std::string> code = canonical_code(name);
    if (!code) return std::nullopt;
    Language language;
    language.stemmer = std::string(stemmer_for_code(*code));
    language.code = std::move(*code);
    return language;
}

Language language_for_post(const Language& post_language, const Language& index_default) {
    if (post_language.code == index_default.code) return index_default;
    return post_language;
}

bool is_cjk_codepoint(unsigned p) {
    return (p >= 0x2E80 && p <= 0x2EFF) || (p >= 0x3000 && p <= 0x9FFF) || (p >= 0xA700 && p <= 0xA71F) ||
           (p >= 0xAC00 && p <= 0xD7AF) || (p >= 0xF900 && p <= 0xFAFF) || (p >= 0xFE30 && p <= 0xFE4F) ||
           (p >= 0xFF00 && p <= 0xFFEF) || (p >= 0x20000 && p <= 0x2A6DF) || (p >= 0x2F800 && p <= 0x2FA1F);
}

std::optional<std::string> language_code_from_script(std::string_view text) {
    enum Script { latin, cyrillic, greek, arabic, armenian, tamil, kScripts };
    std::array<std::size_t, kScripts> letters{};
    bool kana = false, hangul = false, ukrainian = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const unsigned cp = next_codepoint(text, pos);
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F))
            ++letters[latin];
        else if (cp >= 0x400 && cp <= 0x4FF) {
            ++letters[cyrillic];
            ukrainian = ukrainian || cp == 0x456 || cp == 0x406 || cp == 0x457 || cp == 0x407 || cp == 0x454 ||
                        cp == 0x404 || cp == 0x491 || cp == 0x490;
        } else if (cp >= 0x370 && cp <= 0x3FF)
            ++letters[greek];
        else if (cp >= 0x600 && cp <= 0x6FF)
            ++letters[arabic];
        else if (cp >= 0x530 && cp <= 0x58F)
            ++letters[armenian];
        else if (cp >= 0xB80 && cp <= 0xBFF)
            ++letters[tamil];
        else if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F))
            kana = true;
        else if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F))
            hangul = true;
    }
    if (kana) return "ja";
    if (hangul) return "ko";
    const auto most = std::max_element(letters.begin() + 1, letters.end());
    if (*most == 0 || *most <= letters[latin]) return std::nullopt;
    switch (static_cast<Script>(most - letters.begin())) {
        case cyrillic:
            return ukrainian ? "uk" : "ru";
        case greek:
            return "el";
        case arabic:
            return "ar";
        case armenian:
            return "hy";
        case tamil:
            return "ta";
        default:
            return std::nullopt;
    }
}

std::string quote_cjk_runs(std::string_view query) {
    std::string out;
    out.reserve(query.size() + 8);
    bool in_quotes = false;
    std::size_t pos = 0;
    while (pos < query.size()) {
        if (query[pos] == '"') in_quotes = !in_quotes;
        std::size_t after = pos;
        const unsigned cp = next_codepoint(query, after);
        if (in_quotes || !is_cjk_word_char(cp)) {
            out.append(query.substr(pos, after - pos));
            pos = after;
            continue;
        }
        // A run of CJK word characters: [pos, end).
        std::size_t end = after;
        std::size_t characters = 1;
        while (end < query.size()) {
            std::size_t next = end;
            if (!is_cjk_word_char(next_codepoint(query, next))) break;
            end = next;
            ++characters;
        }
        const std::string_view run = query.substr(pos, end - pos);
        // A lone character is quoted too when more follows: Xapian 1.4.22's
        // parser rejects `2 月 23` with FLAG_CJK_NGRAM (a Japanese date in a
        // title) and reads `2 "月" 23`. At the end it stays bare, so a word
        // being typed (FLAG_PARTIAL) still completes.
        const bool more_follows = query.find_first_not_of(" \t", end) != std::string_view::npos;
        if (characters < 2 && !more_follows) {
            out.append(run);
        } else {
            const char before = out.empty() ? ' ' : out.back();
            if (before != ' ' && before != ':' && before != '(' && before != '+' && before != '-') out += ' ';
            out += '"';
            out.append(run);
            out += '"';
            if (end < query.size() && query[end] != ' ' && query[end] != ')') out += ' ';
        }
        pos = end;
    }
    return out;
}

Xapian::Stem snowball_stemmer(const std::string& name) {
    if (name.empty() || name == "none") return Xapian::Stem();
    try {
        return Xapian::Stem(name);
    } catch (const Xapian::InvalidArgumentError&) {
        throw Error("language '" + name + "' is not one Xapian can stem; try one of: " +
                    Xapian::Stem::get_available_languages() + ", or none");
    }
}

}  // namespace idx
