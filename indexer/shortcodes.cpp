#include "indexer/shortcodes.hpp"

#include <algorithm>
#include <array>

namespace idx::indexer {
namespace {

// Shortcodes whose tags are removed but whose enclosed text is kept.
constexpr std::array<std::string_view, 14> kTextShortcodes = {
    "caption", "wp_caption", "quote", "pullquote", "dropcap", "highlight", "button",
    "su_quote", "su_note", "column", "one_half", "one_third", "box", "callout"};
// Shortcodes whose enclosed content is a URL, an id or a list: removed whole.
constexpr std::array<std::string_view, 19> kMediaShortcodes = {
    "embed",   "video",      "audio",  "playlist",   "gallery",      "youtube", "vimeo",
    "tweet",   "twitter",    "instagram", "soundcloud", "spotify",   "googlemaps", "contact-form",
    "contact-form-7", "gravityform", "wpvideo", "ted", "slideshare"};
// Even a long caption tag (attributes, an <img>) ends within this many bytes.
constexpr std::size_t kMaxTagBytes = 4096;
// Media contents are a URL or a few ids: longer than this is not what it seems.
constexpr std::size_t kMaxMediaContentBytes = 16384;

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// `ad_1`, `ad_2`, ...: ad slots from ad-inserter plugins.
bool is_ad_slot(std::string_view name) {
    if (name.size() < 4 || name.substr(0, 3) != "ad_") return false;
    return std::all_of(name.begin() + 3, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

enum class Kind { none, text, media };

Kind kind_of(std::string_view name, const std::vector<std::string>& extra) {
    const std::string n = lower(name);
    if (is_ad_slot(n)) return Kind::text;
    if (std::find(kMediaShortcodes.begin(), kMediaShortcodes.end(), n) != kMediaShortcodes.end()) return Kind::media;
    if (std::find(kTextShortcodes.begin(), kTextShortcodes.end(), n) != kTextShortcodes.end()) return Kind::text;
    if (std::any_of(extra.begin(), extra.end(), [&](const std::string& e) { return lower(e) == n; })) return Kind::text;
    return Kind::none;
}

struct Tag {
    std::string_view name;
    bool closing = false;
    std::size_t end = 0;  // one past ']'
};

// Reads `[name ...]` or `[/name]` at `pos` (which holds '[').
bool read_tag(std::string_view s, std::size_t pos, Tag& tag) {
    std::size_t i = pos + 1;
    tag.closing = i < s.size() && s[i] == '/';
    if (tag.closing) ++i;
    const std::size_t name_start = i;
    while (i < s.size() && is_name_char(s[i])) ++i;
    if (i == name_start || i >= s.size()) return false;
    tag.name = s.substr(name_start, i - name_start);
    if (s[i] == ']') {
        tag.end = i + 1;
        return true;
    }
    if (tag.closing || (s[i] != ' ' && s[i] != '\t')) return false;
    const std::size_t limit = std::min(s.size(), pos + kMaxTagBytes);
    for (; i < limit; ++i) {
        if (s[i] == ']') {
            tag.end = i + 1;
            return true;
        }
        if (s[i] == '[' || s[i] == '\n') return false;
    }
    return false;
}

// Where `[/name]` starts after `from`, case-insensitively, within `limit` bytes.
std::size_t find_closing(std::string_view s, std::size_t from, std::string_view name, std::size_t limit) {
    const std::string want = "[/" + lower(name) + "]";
    const std::size_t stop = std::min(s.size(), from + limit);
    for (std::size_t i = s.find("[/", from); i != std::string_view::npos && i < stop; i = s.find("[/", i + 2)) {
        if (lower(s.substr(i, want.size())) == want) return i;
    }
    return std::string_view::npos;
}

}  // namespace

std::string strip_shortcodes(std::string_view body, const std::vector<std::string>& extra_names) {
    if (body.find('[') == std::string_view::npos) return std::string(body);
    std::string out;
    out.reserve(body.size());
    std::size_t copied = 0;
    for (std::size_t pos = body.find('['); pos != std::string_view::npos; pos = body.find('[', pos + 1)) {
        if (pos < copied) continue;
        Tag tag;
        if (!read_tag(body, pos, tag)) continue;
        const Kind kind = kind_of(tag.name, extra_names);
        if (kind == Kind::none) continue;
        out.append(body.substr(copied, pos - copied));
        out += ' ';
        std::size_t resume = tag.end;
        if (kind == Kind::media && !tag.closing) {
            const std::size_t close = find_closing(body, tag.end, tag.name, kMaxMediaContentBytes);
            if (close != std::string_view::npos) resume = close + tag.name.size() + 3;
        }
        copied = resume;
        pos = resume - 1;
    }
    out.append(body.substr(std::min(copied, body.size())));
    return out;
}

std::string strip_liquid(std::string_view body) {
    if (body.find('{') == std::string_view::npos) return std::string(body);
    std::string out;
    out.reserve(body.size());
    std::size_t i = 0;
    bool in_comment = false;
    while (i < body.size()) {
        const bool tag = body.substr(i, 2) == "{%";
        const bool output = body.substr(i, 2) == "{{";
        if (!tag && !output) {
            if (!in_comment) out += body[i];
            ++i;
            continue;
        }
        const std::size_t close = body.find(tag ? "%}" : "}}", i + 2);
        if (close == std::string_view::npos) {  // not Liquid after all
            if (!in_comment) out += body[i];
            ++i;
            continue;
        }
        if (tag) {
            std::string_view inner = body.substr(i + 2, close - i - 2);
            while (!inner.empty() && (inner.front() == ' ' || inner.front() == '-')) inner.remove_prefix(1);
            if (inner.substr(0, 7) == "comment") in_comment = true;
            else if (inner.substr(0, 10) == "endcomment") in_comment = false;
        }
        out += ' ';
        i = close + 2;
    }
    return out;
}

}  // namespace idx::indexer
