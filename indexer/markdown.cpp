#include "indexer/markdown.hpp"

#include <md4c-html.h>

namespace idx::indexer {
namespace {

void append_output(const MD_CHAR* text, MD_SIZE size, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, size);
}

bool starts_with_tag(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i + 1 >= line.size() || line[i] != '<') return false;
    const char next = line[i + 1];
    return next == '/' || next == '!' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
}

bool is_blank(std::string_view line) {
    for (const char c : line)
        if (c != ' ' && c != '\t' && c != '\r') return false;
    return true;
}

}  // namespace

bool is_mostly_html(std::string_view body) {
    std::size_t lines = 0;
    std::size_t tag_lines = 0;
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view line = body.substr(start, end - start);
        if (!is_blank(line)) {
            ++lines;
            if (starts_with_tag(line)) ++tag_lines;
        }
        start = end + 1;
    }
    return lines > 0 && tag_lines * 2 > lines;
}

std::string markdown_to_html(std::string_view markdown) {
    std::string html;
    html.reserve(markdown.size() + markdown.size() / 4);
    md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), append_output, &html, MD_DIALECT_GITHUB,
            MD_HTML_FLAG_SKIP_UTF8_BOM);
    return html;
}

}  // namespace idx::indexer
