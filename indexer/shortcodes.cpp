#include "indexer/shortcodes.hpp"

#include <algorithm>
#include <array>

namespace idx::indexer {
namespace {

// Shortcodes whose tags are removed but whose enclosed text is kept.
constexpr std::array<std::string_view, 14> kTextShortcodes = {
    "caption",  "wp_caption", "quote",  "pullquote", "dropcap",   "highlight", "button",
    "su_quote", "su_note",    "column", "one_half",  "one_third", "box",       "callout"};
// Shortcodes whose enclosed content is a URL, an id or a list: removed whole.
constexpr std::array<std::string_view, 19> kMediaShortcodes = {
    "embed",          "video",       "audio",     "playlist",   "gallery",   "youtube",    "vimeo",
    "tweet",          "twitter",     "instagram", "soundcloud", "spotify",   "googlemaps", "contact-form",
    "contact-form-7", "gravityform", "wpvideo",   "ted",        "slideshare"};
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

// In Markdown, `[name]` right before `(` or `[`, or starting a line and
// followed by `:`, is a link or a link definition.
bool is_markdown_link(std::string_view body, std::size_t pos, const Tag& tag) {
    if (tag.closing || tag.end >= body.size() || body[tag.end - 1] != ']') return false;
    const char next = body[tag.end];
    if (next == '(' || next == '[') return true;
    return next == ':' && (pos == 0 || body[pos - 1] == '\n');
}

}  // namespace

std::string strip_shortcodes(std::string_view body, const std::vector<std::string>& extra_names, bool markdown) {
    if (body.find('[') == std::string_view::npos) return std::string(body);
    std::string out;
    out.reserve(body.size());
    std::size_t copied = 0;
    for (std::size_t pos = body.find('['); pos != std::string_view::npos; pos = body.find('[', pos + 1)) {
        if (pos < copied) continue;
        Tag tag;
        if (!read_tag(body, pos, tag)) continue;
        if (markdown && is_markdown_link(body, pos, tag)) continue;
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

namespace {

// The name of a Liquid tag: `{%- endraw -%}` -> "endraw".
std::string_view tag_name(std::string_view inner) {
    while (!inner.empty() && (inner.front() == ' ' || inner.front() == '-' || inner.front() == '\t' ||
                              inner.front() == '\n' || inner.front() == '\r'))
        inner.remove_prefix(1);
    std::size_t end = 0;
    while (end < inner.size() && is_name_char(inner[end])) ++end;
    return inner.substr(0, end);
}

// Where the Liquid tag named `name` starts at or after `from`; npos when none.
std::size_t find_tag(std::string_view body, std::size_t from, std::string_view name, std::size_t& tag_end) {
    for (std::size_t at = body.find("{%", from); at != std::string_view::npos; at = body.find("{%", at + 2)) {
        const std::size_t close = body.find("%}", at + 2);
        if (close == std::string_view::npos) return std::string_view::npos;
        if (tag_name(body.substr(at + 2, close - at - 2)) == name) {
            tag_end = close + 2;
            return at;
        }
    }
    return std::string_view::npos;
}

// A fence no code block line can close early: longer than any run of '~' in it.
std::string fence_for(std::string_view code) {
    std::size_t longest = 0, run = 0;
    for (const char c : code) {
        run = c == '~' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '~');
}

// Where a Liquid output lies in a Markdown link destination: md4c ends a
// destination at a control character, so kLiquidValue there would turn
// `[1]: {{ site.url }}/download` into text the reader never sees.
enum class InDestination { no, at_start, inside };

// A destination starts after `](` or after a reference definition's `]:` and
// its blanks; it runs to the next blank. Looked for over the last
// kMaxDestination bytes of `out` only, so a long unbroken line costs no more.
constexpr std::size_t kMaxDestination = 2048;

InDestination destination_state(std::string_view out) {
    const std::size_t stop = out.size() > kMaxDestination ? out.size() - kMaxDestination : 0;
    std::size_t at = out.size();
    while (at > stop && out[at - 1] != ' ' && out[at - 1] != '\t' && out[at - 1] != '\n' && out[at - 1] != '(') --at;
    const bool start = at == out.size();
    if (at > stop + 1 && out[at - 1] == '(' && out[at - 2] == ']')
        return start ? InDestination::at_start : InDestination::inside;
    std::size_t blanks = at;
    while (blanks > stop && (out[blanks - 1] == ' ' || out[blanks - 1] == '\t')) --blanks;
    if (blanks < at && blanks >= stop + 2 && out[blanks - 1] == ':' && out[blanks - 2] == ']')
        return start ? InDestination::at_start : InDestination::inside;
    return InDestination::no;
}

}  // namespace

std::string strip_liquid(std::string_view body, LiquidTarget target) {
    if (body.find('{') == std::string_view::npos) return std::string(body);
    const bool text = target == LiquidTarget::text;
    std::string out;
    out.reserve(body.size());
    std::string fence;  // the fence a `{% highlight %}` opened, for its end
    std::size_t i = 0;
    while (i < body.size()) {
        const std::size_t open = body.find('{', i);
        if (open == std::string_view::npos || open + 1 >= body.size()) break;
        const bool tag = body[open + 1] == '%';
        const bool output = body[open + 1] == '{';
        if (!tag && !output) {
            out.append(body.substr(i, open + 1 - i));
            i = open + 1;
            continue;
        }
        const std::size_t close = body.find(tag ? "%}" : "}}", open + 2);
        if (close == std::string_view::npos) break;  // not Liquid after all: the rest is text
        out.append(body.substr(i, open - i));
        i = close + 2;
        if (output) {
            // In a link destination (`[1]: {{ site.url }}/x`) a value is a
            // path: "/" when it starts the destination (which must not be
            // empty), else nothing. A destination is never text.
            const InDestination where = target == LiquidTarget::markdown ? destination_state(out) : InDestination::no;
            if (text)
                out += ' ';
            else if (where == InDestination::at_start)
                out += '/';
            else if (where == InDestination::no)
                out += kLiquidValue;
            continue;
        }
        const std::string_view name = tag_name(body.substr(open + 2, close - open - 2));
        std::size_t end_tag_end = 0;
        if (name == "raw") {
            const std::size_t end = find_tag(body, i, "endraw", end_tag_end);
            out.append(body.substr(i, end == std::string_view::npos ? body.size() - i : end - i));
            i = end == std::string_view::npos ? body.size() : end_tag_end;
        } else if (name == "comment") {
            const std::size_t end = find_tag(body, i, "endcomment", end_tag_end);
            i = end == std::string_view::npos ? body.size() : end_tag_end;
            if (text) out += ' ';
        } else if (name == "highlight" && target == LiquidTarget::markdown) {
            const std::size_t end = find_tag(body, i, "endhighlight", end_tag_end);
            fence = fence_for(body.substr(i, end == std::string_view::npos ? body.size() - i : end - i));
            out += "\n" + fence + "\n";
        } else if (name == "endhighlight" && target == LiquidTarget::markdown) {
            out += "\n" + (fence.empty() ? std::string("~~~") : fence) + "\n";
            fence.clear();
        } else if (name == "highlight" && target == LiquidTarget::html) {
            out += "<pre>";
        } else if (name == "endhighlight" && target == LiquidTarget::html) {
            out += "</pre>";
        } else if (text) {
            out += ' ';
        }
    }
    if (i < body.size()) out.append(body.substr(i));
    return out;
}

void erase_liquid_values(std::string& text) {
    std::size_t at = text.find(kLiquidValue);
    if (at == std::string::npos) return;
    std::size_t write = at;
    for (std::size_t read = at; read < text.size();) {
        if (text.compare(read, kLiquidValue.size(), kLiquidValue) == 0) {
            read += kLiquidValue.size();
            continue;
        }
        text[write++] = text[read++];
    }
    text.resize(write);
}

}  // namespace idx::indexer
