#include "indexer/front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "common/display_text.hpp"
#include "common/utf8.hpp"
#include "indexer/html_text.hpp"

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

bool is_false(const std::string& value) {
    const std::string v = lower(value);
    return v == "false" || v == "no" || v == "off" || v == "0";
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

std::variant<FrontMatter, FrontMatterError> parse_front_matter(std::string_view yaml, const KeyMapping& keys) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        return FrontMatterError{e.mark.is_null() ? 0 : e.mark.line + 1, "front matter is not valid YAML: " + e.msg};
    }
    FrontMatter fm;
    if (root.IsNull()) return fm;  // `---\n---`: a post with no fields
    if (!root.IsMap())
        return FrontMatterError{1, "front matter should be `key: value` lines, not a single value or a list"};

    const KeyLookup lookup(root);
    fm.title = lookup.text(keys.title);
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
    return fm;
}

}  // namespace idx::indexer
