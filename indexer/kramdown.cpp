#include "indexer/kramdown.hpp"

namespace idx::indexer {
namespace {

std::size_t indent_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    return i;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// "```" or "~~~" (three or more) after at most three spaces: the fence's
// character and length; 0 when the line opens no fence.
std::size_t fence_length(std::string_view line, char& fence_char) {
    const std::size_t indent = indent_of(line);
    if (indent > 3 || indent >= line.size()) return 0;
    const char c = line[indent];
    if (c != '`' && c != '~') return 0;
    std::size_t n = indent;
    while (n < line.size() && line[n] == c) ++n;
    if (n - indent < 3) return 0;
    fence_char = c;
    return n - indent;
}

bool closes_fence(std::string_view line, char fence_char, std::size_t length) {
    char c = 0;
    const std::size_t n = fence_length(line, c);
    return n >= length && c == fence_char && trim(line.substr(indent_of(line) + n)).empty();
}

// `{: …}` / `{:toc}` / `{:ref: …}` filling the whole line (after at most three spaces).
bool is_attribute_list_line(std::string_view line) {
    if (indent_of(line) > 3) return false;
    const std::string_view t = trim(line);
    return t.size() >= 3 && t.substr(0, 2) == "{:" && t.back() == '}' && t.find('}') == t.size() - 1 &&
           t.substr(0, 3) != "{::";
}

bool is_toc_line(std::string_view line) {
    const std::string_view t = trim(line);
    return t == "{:toc}" || t == "{: toc}" || t == "{:.toc}" || t.rfind("{:toc ", 0) == 0;
}

bool is_list_item(std::string_view line) {
    const std::string_view t = trim(line);
    if (t.size() >= 2 && (t[0] == '*' || t[0] == '-' || t[0] == '+') && t[1] == ' ') return true;
    std::size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    return digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ';
}

// `*[ABBR]: expansion`
bool is_abbreviation_definition(std::string_view line) {
    if (indent_of(line) > 3) return false;
    const std::string_view t = trim(line);
    if (t.substr(0, 2) != "*[") return false;
    const std::size_t close = t.find("]:");
    return close != std::string_view::npos && close > 2;
}

// The text of a footnote definition `[^label]: text`, or nothing.
bool footnote_definition_text(std::string_view line, std::string_view& text) {
    if (indent_of(line) > 3) return false;
    const std::string_view t = trim(line);
    if (t.substr(0, 2) != "[^") return false;
    const std::size_t close = t.find("]:");
    if (close == std::string_view::npos || close < 3) return false;
    text = trim(t.substr(close + 2));
    return true;
}

// A reference definition `[label]: url "title"` whose url kramdown takes
// whole but CommonMark rejects (unbalanced parentheses, as in
// `….html(and`): the same line with the url in <…>, which CommonMark takes
// as written; empty when the line needs no change.
std::string bracketed_definition(std::string_view line) {
    if (indent_of(line) > 3) return {};
    const std::size_t indent = indent_of(line);
    if (line.substr(indent, 1) != "[" || line.substr(indent, 2) == "[^") return {};
    const std::size_t close = line.find("]:", indent + 1);
    if (close == std::string_view::npos || close == indent + 1 ||
        line.substr(indent + 1, close - indent - 1).find_first_of("[]") != std::string_view::npos)
        return {};
    std::size_t url = close + 2;
    while (url < line.size() && (line[url] == ' ' || line[url] == '\t')) ++url;
    if (url >= line.size() || line[url] == '<') return {};
    std::size_t url_end = url;
    int depth = 0;
    bool unbalanced = false;
    for (; url_end < line.size() && line[url_end] != ' ' && line[url_end] != '\t' && line[url_end] != '\r'; ++url_end) {
        if (line[url_end] == '(') ++depth;
        if (line[url_end] == ')' && --depth < 0) unbalanced = true;
        if (line[url_end] == '<' || line[url_end] == '>') return {};
    }
    if (!unbalanced && depth == 0) return {};
    std::string out(line.substr(0, url));
    out += '<';
    out.append(line.substr(url, url_end - url));
    out += '>';
    out.append(line.substr(url_end));
    return out;
}

// A line opening with a complete HTML comment and going on with text.
bool split_after_comment(std::string_view line, std::string_view& comment, std::string_view& rest) {
    const std::size_t indent = indent_of(line);
    if (indent > 3 || line.substr(indent, 4) != "<!--") return false;
    const std::size_t close = line.find("-->", indent + 4);
    if (close == std::string_view::npos) return false;
    comment = line.substr(0, close + 3);
    rest = trim(line.substr(close + 3));
    return !rest.empty();
}

// Takes out `{::comment}…{:/comment}` (or `{:/}`), across lines.
std::string drop_comments(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find("{::comment}", i);
        if (open == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        std::size_t close = text.find("{:/comment}", open);
        std::size_t close_len = 11;
        const std::size_t short_close = text.find("{:/}", open);
        if (short_close != std::string_view::npos && (close == std::string_view::npos || short_close < close)) {
            close = short_close;
            close_len = 4;
        }
        if (close == std::string_view::npos) return out;  // runs to the end, as in kramdown
        i = close + close_len;
    }
    out.append(text.substr(std::min(i, text.size())));
    return out;
}

}  // namespace

std::string strip_kramdown_blocks(std::string_view markdown) {
    const bool has_braces = markdown.find("{:") != std::string_view::npos;
    if (!has_braces && markdown.find("[^") == std::string_view::npos && markdown.find("*[") == std::string_view::npos &&
        markdown.find("<!--") == std::string_view::npos && markdown.find('^') == std::string_view::npos &&
        markdown.find("]:") == std::string_view::npos)
        return std::string(markdown);
    const std::string text =
        markdown.find("{::comment}") != std::string_view::npos ? drop_comments(markdown) : std::string(markdown);
    std::string out;
    out.reserve(text.size());
    std::size_t last_line_start = std::string::npos;  // in `out`, for taking back a TOC list item
    char fence_char = 0;
    std::size_t fence = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const bool has_newline = end != std::string::npos;
        if (!has_newline) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        const auto keep = [&](std::string_view kept) {
            last_line_start = out.size();
            out.append(kept);
            if (has_newline) out += '\n';
        };
        if (fence > 0) {
            if (closes_fence(line, fence_char, fence)) fence = 0;
            keep(line);
            continue;
        }
        if (const std::size_t n = fence_length(line, fence_char); n > 0) {
            fence = n;
            keep(line);
            continue;
        }
        if (is_toc_line(line)) {
            if (last_line_start != std::string::npos && is_list_item(std::string_view(out).substr(last_line_start)))
                out.resize(last_line_start);
            last_line_start = std::string::npos;
            continue;
        }
        if (is_attribute_list_line(line) || is_abbreviation_definition(line) || trim(line) == "^") continue;
        std::string_view footnote;
        if (footnote_definition_text(line, footnote)) {
            keep(footnote);
            continue;
        }
        if (const std::string definition = bracketed_definition(line); !definition.empty()) {
            keep(definition);
            continue;
        }
        std::string_view comment, rest;
        if (split_after_comment(line, comment, rest)) {
            out.append(comment);
            out += '\n';
            keep(rest);
            continue;
        }
        keep(line);
    }
    return out;
}

}  // namespace idx::indexer
