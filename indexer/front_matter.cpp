#include "indexer/front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "common/display_text.hpp"
#include "common/utf8.hpp"
#include "indexer/html_text.hpp"
#include "indexer/shortcodes.hpp"

namespace idx::indexer {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Nested lists deeper than this, or more items than kMaxValues, are not front
// matter a blog engine wrote; reading stops there instead of running away.
constexpr int kMaxValueDepth = 8;
constexpr std::size_t kMaxValues = 10000;
// YAML aliases let a few lines name a billion nodes (`b: &b [*a, *a, ...]`,
// nine levels deep: "billion laughs"), none of them a value within reach, so
// the walk also stops after visiting this many nodes.
constexpr std::size_t kMaxVisits = 100000;

// One line of `content` starting at `pos`, without its line ending.
std::string_view line_at(std::string_view content, std::size_t pos, std::size_t& next) {
    const std::size_t nl = content.find('\n', pos);
    next = nl == std::string_view::npos ? content.size() : nl + 1;
    std::string_view line = content.substr(pos, (nl == std::string_view::npos ? content.size() : nl) - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

bool is_marker_line(std::string_view line, std::string_view marker) {
    if (line.substr(0, marker.size()) != marker) return false;
    return std::all_of(line.begin() + static_cast<std::ptrdiff_t>(marker.size()), line.end(),
                       [](char c) { return c == ' ' || c == '\t'; });
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Collects the scalars of a value: a scalar, or the scalars of a list
// (nested lists are flattened). Mappings carry no text idx can use.
void collect_scalars(const YAML::Node& node, int depth, std::vector<std::string>& out, std::size_t& visits) {
    if (depth > kMaxValueDepth || out.size() >= kMaxValues || visits >= kMaxVisits) return;
    ++visits;
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) collect_scalars(item, depth + 1, out, visits);
    }
}

// Entities decoded, blanks and newlines (folded YAML) collapsed to one space.
// YAML escapes ("\e", "\0", "\a") make control characters out of clean text,
// escape sequences for a terminal that shows a title; repair_utf8 turns them
// into spaces; C1 controls and bidi overrides become spaces too, so no title,
// author or url shows differently from how it is stored.
std::string clean_text(std::string_view raw) {
    const std::string decoded = neutralise_display_hazards(repair_utf8(decode_entities(raw)));
    std::string out;
    out.reserve(decoded.size());
    bool pending_space = false;
    for (const char c : decoded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::vector<std::string> clean_all(const std::vector<std::string>& raw) {
    std::vector<std::string> out;
    for (const std::string& value : raw) {
        std::string cleaned = clean_text(value);
        if (!cleaned.empty() && std::find(out.begin(), out.end(), cleaned) == out.end())
            out.push_back(std::move(cleaned));
    }
    return out;
}

class KeyLookup {
public:
    explicit KeyLookup(const YAML::Node& map) {
        for (const auto& entry : map) {
            if (entry.first.IsScalar()) m_by_lower_key.emplace(lower(entry.first.Scalar()), entry.second);
        }
    }
    // The value of the first candidate key present, compared without case.
    std::optional<YAML::Node> first(const std::vector<std::string>& candidates) const {
        for (const std::string& key : candidates) {
            const auto it = m_by_lower_key.find(lower(key));
            if (it != m_by_lower_key.end() && !it->second.IsNull()) return it->second;
        }
        return std::nullopt;
    }
    std::vector<std::string> scalars(const std::vector<std::string>& candidates) const {
        std::vector<std::string> out;
        std::size_t visits = 0;
        if (const auto node = first(candidates)) collect_scalars(*node, 0, out, visits);
        return out;
    }
    std::string text(const std::vector<std::string>& candidates) const {
        const std::vector<std::string> values = scalars(candidates);
        return values.empty() ? std::string() : clean_text(values.front());
    }

private:
    std::map<std::string, YAML::Node> m_by_lower_key;  // first occurrence of each key wins
};

// Jekyll's reading of `categories:` (a string is split at blanks) and
// `category:` (one value, even with blanks in it).
std::vector<std::string> jekyll_list(const std::optional<YAML::Node>& node, bool split_blanks) {
    std::vector<std::string> values;
    if (!node) return values;
    std::size_t visits = 0;
    collect_scalars(*node, 0, values, visits);
    if (!split_blanks || !node->IsScalar()) return values;
    std::vector<std::string> out;
    std::size_t start = 0;
    const std::string& text = values.front();
    while (start < text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \t\n", start), text.size());
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// A title as a reader sees it: Liquid and HTML tags out, entities decoded.
std::string clean_title(const std::string& raw) {
    if (raw.find_first_of("{<") == std::string::npos) return clean_text(raw);
    return clean_text(strip_known_tags(strip_liquid(raw, LiquidTarget::text)));
}

bool is_false(const std::string& value) {
    const std::string v = lower(value);
    return v == "false" || v == "no" || v == "off" || v == "0";
}

// ---- quotes and brackets that never close where they should ----
//
// yaml-cpp reads `title: "Unclosed quote` followed by `date: …` lines as one
// long title (and an unclosed quote at the end as closed), and reports an
// unclosed `[` or `{` on the line after it. A YAML author who leaves a quote
// or bracket open and goes on with `key:` lines made a mistake (PyYAML and
// Jekyll reject most of them): this scan names the line where it was opened.

struct Line {
    std::string_view text;  // without its line ending
    int number = 0;         // 1-based in the YAML text
};

std::vector<Line> split_lines_of(std::string_view yaml) {
    std::vector<Line> lines;
    std::size_t pos = 0;
    int number = 1;
    while (pos < yaml.size()) {
        std::size_t next = 0;
        lines.push_back({line_at(yaml, pos, next), number++});
        pos = next;
    }
    return lines;
}

std::size_t indent_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    return i;
}

// Past the `- ` list markers (and the blanks after each) starting at `i`.
std::size_t skip_list_markers(std::string_view line, std::size_t i) {
    while (i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') {
        i += 2;
        while (i < line.size() && line[i] == ' ') ++i;
    }
    return i;
}

// `key:` or `- key:` at the start of a line (after its indentation): the line
// a runaway quote or bracket has run into.
bool looks_like_key_line(std::string_view line, std::size_t max_indent) {
    std::size_t i = indent_of(line);
    if (i > max_indent) return false;
    i = skip_list_markers(line, i);
    const std::size_t key_start = i;
    while (i < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '-' || line[i] == '.'))
        ++i;
    return i > key_start && i < line.size() && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ');
}

// Where the value of a `key: value` or `- value` line starts; npos when the
// line has none (a comment, a bare key, a block scalar's header).
std::size_t value_start(std::string_view line) {
    const std::size_t i = skip_list_markers(line, indent_of(line));
    if (i >= line.size() || line[i] == '#') return std::string_view::npos;
    if (line[i] == '"' || line[i] == '\'' || line[i] == '[' || line[i] == '{') return i;  // a list item or quoted key
    const std::size_t colon = line.find(": ", i);
    if (colon == std::string_view::npos) return std::string_view::npos;
    std::size_t v = colon + 2;
    while (v < line.size() && line[v] == ' ') ++v;
    return v < line.size() ? v : std::string_view::npos;
}

// A line an open quote or flow collection must not run into: the next key,
// or the end of the front matter.
bool ends_open_value(std::string_view text, std::size_t key_indent) {
    return looks_like_key_line(text, key_indent) || text == "---" || text == "...";
}

// Scans a quoted scalar from `at` (its opening quote) on line `l`; returns
// true when it closes, setting `l` and `at` to just past the closing quote.
bool close_quote(const std::vector<Line>& lines, std::size_t& l, std::size_t& at, std::size_t key_indent,
                 std::size_t& runaway_line) {
    const char quote = lines[l].text[at];
    std::size_t i = at + 1;
    for (std::size_t k = l; k < lines.size(); ++k, i = 0) {
        const std::string_view text = lines[k].text;
        if (k > l && ends_open_value(text, key_indent)) {
            runaway_line = k;
            return false;
        }
        for (; i < text.size(); ++i) {
            if (quote == '"' && text[i] == '\\') {
                ++i;
                continue;
            }
            if (text[i] != quote) continue;
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;
                continue;
            }
            l = k;
            at = i + 1;
            return true;
        }
    }
    runaway_line = lines.size();
    return false;
}

// Whether a flow collection opened at `at` closes before a `key:` line.
bool close_flow(const std::vector<Line>& lines, std::size_t l, std::size_t at, std::size_t key_indent,
                std::size_t& runaway_line) {
    int depth = 0;
    std::size_t i = at;
    for (std::size_t k = l; k < lines.size(); ++k, i = 0) {
        const std::string_view text = lines[k].text;
        if (k > l && ends_open_value(text, key_indent)) {
            runaway_line = k;
            return false;
        }
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '"' || c == '\'') {
                std::size_t line = k, pos = i, unused = 0;
                if (!close_quote(lines, line, pos, key_indent, unused)) return true;  // its own error comes next
                if (line != k) return true;  // a quote spanning lines inside a flow: yaml-cpp judges it
                i = pos - 1;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}') {
                if (--depth == 0) return true;
            } else if (c == '#' && i > 0 && text[i - 1] == ' ') {
                break;  // a comment
            }
        }
    }
    runaway_line = lines.size();
    return false;
}

std::string quoted_excerpt(std::string_view text) {
    constexpr std::size_t kMax = 40;
    std::string out(text.substr(0, kMax));
    if (text.size() > kMax) out += "...";
    return repair_utf8(out);
}

std::optional<FileMessage> find_unclosed(std::string_view yaml) {
    if (yaml.find_first_of("\"'[{") == std::string_view::npos) return std::nullopt;
    const std::vector<Line> lines = split_lines_of(yaml);
    std::size_t block_indent = std::string_view::npos;  // inside a `|` or `>` block scalar deeper than this
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const std::string_view text = lines[l].text;
        const std::size_t indent = indent_of(text);
        if (block_indent != std::string_view::npos) {
            if (indent == text.size() || indent > block_indent) continue;
            block_indent = std::string_view::npos;
        }
        const std::size_t v = value_start(text);
        if (v == std::string_view::npos) continue;
        const char first = text[v];
        if (first == '|' || first == '>') {
            block_indent = indent;
            continue;
        }
        std::size_t runaway = 0;
        if (first == '"' || first == '\'') {
            std::size_t end_line = l, end_at = v;
            if (close_quote(lines, end_line, end_at, indent, runaway)) {
                l = end_line;
                continue;
            }
            std::string message = std::string("the value starting ") + first + quoted_excerpt(text.substr(v + 1)) +
                                  " has no closing " + first;
            if (runaway < lines.size())
                message += " before line " + std::to_string(lines[runaway].number) + " (" +
                           quoted_excerpt(lines[runaway].text) + ")";
            return FileMessage{{}, lines[l].number, "front matter is not valid YAML: " + message};
        }
        if ((first == '[' || first == '{') && !close_flow(lines, l, v, indent, runaway)) {
            std::string message =
                std::string("the ") + (first == '[' ? "list" : "mapping") + " opened with " + first + " is not closed";
            if (runaway < lines.size())
                message += " before line " + std::to_string(lines[runaway].number) + " (" +
                           quoted_excerpt(lines[runaway].text) + ")";
            return FileMessage{{}, lines[l].number, "front matter is not valid YAML: " + message};
        }
    }
    return std::nullopt;
}

}  // namespace

std::variant<FrontMatterBlock, SplitProblem> split_front_matter(std::string_view content) {
    if (content.substr(0, kBom.size()) == kBom) content.remove_prefix(kBom.size());
    std::size_t next = 0;
    if (!is_marker_line(line_at(content, 0, next), "---") || next == 0) return SplitProblem::no_front_matter;
    const std::size_t yaml_start = next;
    int line_number = 2;
    for (std::size_t pos = yaml_start; pos < content.size(); ++line_number) {
        std::size_t after = 0;
        const std::string_view line = line_at(content, pos, after);
        if (is_marker_line(line, "---") || is_marker_line(line, "...")) {
            return FrontMatterBlock{content.substr(yaml_start, pos - yaml_start), content.substr(after), 2};
        }
        pos = after;
    }
    return SplitProblem::unterminated;
}

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            std::string_view item(value.data() + start, comma - start);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
            if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
            start = comma + 1;
        }
    }
    return out;
}

std::variant<FrontMatter, FileMessage> parse_front_matter(std::string_view yaml, const KeyMapping& keys) {
    if (auto unclosed = find_unclosed(yaml)) return std::move(*unclosed);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        return FileMessage{{}, e.mark.is_null() ? 0 : e.mark.line + 1, "front matter is not valid YAML: " + e.msg};
    }
    FrontMatter fm;
    if (root.IsNull()) return fm;  // `---\n---`: a post with no fields
    if (!root.IsMap())
        return FileMessage{{}, 1, "front matter should be `key: value` lines, not a single value or a list"};

    const KeyLookup lookup(root);
    if (const std::vector<std::string> titles = lookup.scalars(keys.title); !titles.empty())
        fm.title = clean_title(titles.front());
    if (const auto date = lookup.first(keys.date)) {
        std::vector<std::string> values;
        std::size_t visits = 0;
        collect_scalars(*date, 0, values, visits);
        if (!values.empty()) fm.date = repair_utf8(values.front());  // it is shown in warnings
        if (!date->Mark().is_null()) fm.date_line = date->Mark().line + 1;
    }
    fm.authors = clean_all(lookup.scalars(keys.author));
    fm.categories = clean_all(split_commas(lookup.scalars(keys.categories)));
    fm.tags = clean_all(split_commas(lookup.scalars(keys.tags)));
    // Folded YAML breaks long URLs over lines; a URL has no blanks, so drop them.
    fm.url = lookup.text(keys.url);
    std::erase(fm.url, ' ');
    fm.id = lookup.text(keys.id);
    fm.lang = lookup.text(keys.lang);
    for (const std::string& value : lookup.scalars(keys.published)) fm.draft = fm.draft || is_false(value);
    static const std::vector<std::string> kCategories{"categories"}, kCategory{"category"}, kSlug{"slug"};
    fm.jekyll_categories = jekyll_list(lookup.first(kCategories), true);
    fm.jekyll_category = jekyll_list(lookup.first(kCategory), false);
    fm.slug = lookup.text(kSlug);
    return fm;
}

}  // namespace idx::indexer
