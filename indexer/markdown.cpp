#include "indexer/markdown.hpp"

#include <md4c.h>

#include <algorithm>
#include <array>

#include "common/html_escape.hpp"

namespace idx::indexer {
namespace {

// GitHub's dialect: tables, strikethrough, task lists and bare URLs as links
// (html_to_text drops URLs from the words, however they are written).
constexpr unsigned kBaseFlags = MD_DIALECT_GITHUB;

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

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != b[i]) return false;
    return true;
}

// Elements whose content is shown as written: never Markdown.
bool is_verbatim_element(std::string_view name) {
    static constexpr std::array<std::string_view, 9> kVerbatim = {"pre", "code", "script", "style", "textarea",
                                                                  "kbd", "samp", "math",   "svg"};
    for (const std::string_view v : kVerbatim)
        if (iequals(name, v)) return true;
    return false;
}

// Whether a run of text from a raw HTML block holds Markdown worth rendering.
bool has_markdown(std::string_view text) {
    if (text.find("](") != std::string_view::npos || text.find("![") != std::string_view::npos ||
        text.find('*') != std::string_view::npos || text.find('`') != std::string_view::npos ||
        text.find("__") != std::string_view::npos || text.find("{:") != std::string_view::npos ||
        text.find("[^") != std::string_view::npos)
        return true;
    for (std::size_t at = text.find('#'); at != std::string_view::npos; at = text.find('#', at + 1)) {
        std::size_t line_start = at;
        while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
        if (line_start == 0 || text[line_start - 1] == '\n') return true;
    }
    return false;
}

std::string render(std::string_view markdown, unsigned flags, int depth);

// md4c's callbacks, writing HTML that html_to_text() reads: block elements for
// blocks (so words never join across them), text escaped, raw HTML as is.
class Renderer {
public:
    Renderer(std::string& out, unsigned flags, int depth) : m_out(out), m_flags(flags), m_depth(depth) {}

    int enter_block(MD_BLOCKTYPE type, void* detail) {
        flush();
        switch (type) {
            case MD_BLOCK_DOC:
                break;
            case MD_BLOCK_QUOTE:
                m_out += "<blockquote>";
                break;
            case MD_BLOCK_UL:
                m_out += "<ul>";
                break;
            case MD_BLOCK_OL:
                m_out += "<ol>";
                break;
            case MD_BLOCK_LI:
                m_out += "<li>";
                break;
            case MD_BLOCK_HR:
                m_out += "<hr>";
                break;
            case MD_BLOCK_H:
                m_out += "<h";
                m_out += static_cast<char>('0' + static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                m_out += '>';
                m_in_heading = true;
                break;
            case MD_BLOCK_CODE:
                m_out += "<pre><code>";
                m_in_indented_code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->fence_char == 0;
                break;
            case MD_BLOCK_HTML:
                m_in_html_block = true;
                m_html_block.clear();
                break;
            case MD_BLOCK_P:
                m_out += m_depth == 0 ? "<p>" : "\n";
                break;
            case MD_BLOCK_TABLE:
                m_out += "<table>";
                break;
            case MD_BLOCK_THEAD:
                m_out += "<thead>";
                break;
            case MD_BLOCK_TBODY:
                m_out += "<tbody>";
                break;
            case MD_BLOCK_TR:
                m_out += "<tr>";
                break;
            case MD_BLOCK_TH:
                m_out += "<th>";
                break;
            case MD_BLOCK_TD:
                m_out += "<td>";
                break;
        }
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type, void* detail) {
        flush();
        switch (type) {
            case MD_BLOCK_DOC:
                break;
            case MD_BLOCK_QUOTE:
                m_out += "</blockquote>\n";
                break;
            case MD_BLOCK_UL:
                m_out += "</ul>\n";
                break;
            case MD_BLOCK_OL:
                m_out += "</ol>\n";
                break;
            case MD_BLOCK_LI:
                m_out += "</li>\n";
                break;
            case MD_BLOCK_HR:
                break;
            case MD_BLOCK_H:
                m_out += "</h";
                m_out += static_cast<char>('0' + static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                m_out += ">\n";
                m_in_heading = false;
                break;
            case MD_BLOCK_CODE:
                m_out += "</code></pre>\n";
                m_in_indented_code = false;
                break;
            case MD_BLOCK_HTML:
                m_in_html_block = false;
                render_html_block(m_html_block);
                break;
            case MD_BLOCK_P:
                m_out += m_depth == 0 ? "</p>\n" : "\n";
                break;
            case MD_BLOCK_TABLE:
                m_out += "</table>\n";
                break;
            case MD_BLOCK_THEAD:
                m_out += "</thead>";
                break;
            case MD_BLOCK_TBODY:
                m_out += "</tbody>";
                break;
            case MD_BLOCK_TR:
                m_out += "</tr>\n";
                break;
            case MD_BLOCK_TH:
                m_out += "</th>";
                break;
            case MD_BLOCK_TD:
                m_out += "</td>";
                break;
        }
        return 0;
    }

    // Spans add no words of their own: emphasis, links and strike-through are
    // their text. An image is its alt text, kept apart from the words around.
    int enter_span(MD_SPANTYPE type) {
        flush();
        if (type == MD_SPAN_IMG) m_out += ' ';
        return 0;
    }

    int leave_span(MD_SPANTYPE type) {
        flush();
        if (type == MD_SPAN_IMG) m_out += ' ';
        return 0;
    }

    int text(MD_TEXTTYPE type, std::string_view text) {
        if (m_in_html_block) {
            m_html_block.append(text);
            return 0;
        }
        switch (type) {
            case MD_TEXT_NORMAL:
                if (text.find("```") != std::string_view::npos) m_fence_missed = true;
                m_pending.append(text);
                return 0;
            case MD_TEXT_SOFTBR:
                m_pending += '\n';
                return 0;
            default:
                break;
        }
        flush();
        switch (type) {
            case MD_TEXT_NULLCHAR:
                m_out += "\xEF\xBF\xBD";
                break;
            case MD_TEXT_BR:
                m_out += "<br>\n";
                break;
            case MD_TEXT_ENTITY:
            case MD_TEXT_HTML:
                m_out.append(text);
                break;  // html_to_text decodes and parses them
            case MD_TEXT_CODE:
                if (m_in_indented_code && text.find("```") != std::string_view::npos) m_fence_missed = true;
                append_html_escaped(m_out, text);
                break;
            default:
                append_html_escaped(m_out, text);
                break;  // anything newer than this renderer
        }
        return 0;
    }

private:
    // Normal text is collected until something else comes, so kramdown's
    // `{:…}` is seen whole even when md4c hands it over in pieces.
    void flush() {
        if (m_pending.empty()) return;
        if (m_pending.find_first_of("{[`") == std::string::npos) {
            append_html_escaped(m_out, m_pending);
        } else {
            append_html_escaped(
                m_out, drop_stray_fences(drop_broken_link_syntax(strip_kramdown_spans(m_pending, m_in_heading))));
        }
        m_pending.clear();
    }

    // A fence typed at the end of a line (`text.```): on the page, three
    // backticks that are no word.
    static std::string drop_stray_fences(std::string text) {
        if (text.find("```") == std::string::npos) return text;
        for (std::size_t at = text.find("```"); at != std::string::npos; at = text.find("```", at)) {
            std::size_t end = at;
            while (end < text.size() && text[end] == '`') ++end;
            text.replace(at, end - at, " ");
        }
        return text;
    }

    // `[text](` that md4c left as text (`[NEWS]([NEWS](url)`, a link whose
    // target is broken) shows the reader brackets around words: the words stay.
    static std::string drop_broken_link_syntax(std::string text) {
        if (text.find("](") == std::string::npos) return text;
        for (std::size_t at = text.find("]("); at != std::string::npos; at = text.find("](", at)) {
            const std::size_t open = text.rfind('[', at);
            if (open == std::string::npos || text.find(']', open) != at) {
                at += 2;
                continue;
            }
            text.replace(at, 2, " ");
            text.erase(open, 1);
        }
        return text;
    }

public:
    // A raw HTML block as written, except that runs of text between its tags
    // that hold Markdown are rendered (one level deep: the text of a nested
    // rendering is not looked into again). Comments, `<![endif]-->` and the
    // like stay markup for html_to_text to drop.
    void render_html_block(std::string_view html) {
        std::string_view verbatim_until;  // the element whose end tag ends verbatim text
        std::size_t i = 0;
        while (i < html.size()) {
            if (html[i] == '<') {
                const std::size_t end = tag_end(html, i);
                if (end != std::string_view::npos) {
                    const std::string_view tag = html.substr(i, end - i);
                    m_out.append(tag);
                    track_verbatim(tag, verbatim_until);
                    i = end;
                    continue;
                }
            }
            std::size_t next = html.find('<', i + 1);
            if (next == std::string_view::npos) next = html.size();
            const std::string_view text = html.substr(i, next - i);
            if (verbatim_until.empty() && m_depth == 0 && has_markdown(text)) {
                // md4c trims a paragraph: the blanks that part this text from
                // the tags around it are put back.
                const std::size_t first = text.find_first_not_of(" \t\r\n");
                const std::size_t last = text.find_last_not_of(" \t\r\n");
                m_out.append(text.substr(0, first));
                m_out += render(text, m_flags | MD_FLAG_NOINDENTEDCODEBLOCKS, m_depth + 1);
                m_out.append(text.substr(last + 1));
            } else {
                m_out.append(text);
            }
            i = next;
        }
    }

private:
    // One past the end of the tag or comment at `at` (which holds '<'); npos
    // when it is not one (a lone '<' is text).
    static std::size_t tag_end(std::string_view html, std::size_t at) {
        if (html.substr(at, 4) == "<!--") {
            const std::size_t close = html.find("-->", at + 4);
            return close == std::string_view::npos ? html.size() : close + 3;
        }
        const std::size_t name = at + (at + 1 < html.size() && html[at + 1] == '/' ? 2 : 1);
        if (name >= html.size() || !(is_alpha(html[name]) || html[name] == '!' || html[name] == '?'))
            return std::string_view::npos;
        const std::size_t close = html.find('>', name);
        return close == std::string_view::npos ? std::string_view::npos : close + 1;
    }

    static void track_verbatim(std::string_view tag, std::string_view& verbatim_until) {
        const bool closing = tag.size() > 1 && tag[1] == '/';
        std::size_t start = closing ? 2 : 1;
        std::size_t end = start;
        while (end < tag.size() && (is_alpha(tag[end]) || (tag[end] >= '0' && tag[end] <= '9'))) ++end;
        const std::string_view name = tag.substr(start, end - start);
        if (verbatim_until.empty()) {
            if (!closing && is_verbatim_element(name) && tag.substr(tag.size() - 2) != "/>") verbatim_until = name;
            return;
        }
        if (closing && name.size() == verbatim_until.size()) {
            bool same = true;
            for (std::size_t k = 0; k < name.size() && same; ++k) same = lower(name[k]) == lower(verbatim_until[k]);
            if (same) verbatim_until = {};
        }
    }

    std::string& m_out;
    unsigned m_flags;
    int m_depth;
    std::string m_pending;
    std::string m_html_block;
    bool m_in_html_block = false;
    bool m_in_heading = false;
    bool m_in_indented_code = false;

public:
    // A code fence shown as text: md4c 0.4.8 sometimes misses a fence nested
    // in a list, depending on where in the input it lies (a byte more or less
    // anywhere before it changes the outcome; 2 of ruby-lang's 4,723 posts).
    bool m_fence_missed = false;
};

std::string render_once(std::string_view markdown, unsigned flags, int depth, bool& fence_missed) {
    std::string html;
    html.reserve(markdown.size() + markdown.size() / 4);
    Renderer renderer(html, flags, depth);
    MD_PARSER parser{};
    parser.flags = flags;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
        return static_cast<Renderer*>(self)->enter_block(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
        return static_cast<Renderer*>(self)->leave_block(type, detail);
    };
    parser.enter_span = [](MD_SPANTYPE type, void*, void* self) {
        return static_cast<Renderer*>(self)->enter_span(type);
    };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
        return static_cast<Renderer*>(self)->leave_span(type);
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
        return static_cast<Renderer*>(self)->text(type, std::string_view(text, size));
    };
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &renderer);
    fence_missed = renderer.m_fence_missed;
    return html;
}

// md4c's output, read again from one, then two, leading blank lines when it
// showed a code fence as text (see Renderer::m_fence_missed): the shift
// changes nothing in the document and moves it away from md4c's fault. A
// document that really shows ``` as text costs two more parses.
std::string render(std::string_view markdown, unsigned flags, int depth) {
    bool fence_missed = false;
    std::string html = render_once(markdown, flags, depth, fence_missed);
    for (int shift = 1; fence_missed && shift <= 2; ++shift) {
        const std::string shifted = std::string(static_cast<std::size_t>(shift), '\n') + std::string(markdown);
        std::string again = render_once(shifted, flags, depth, fence_missed);
        if (!fence_missed) html = std::move(again);
    }
    return html;
}

// The end of a `{…}` starting at `open`; npos when none. kramdown lets an
// attribute list go on over a line break; it never holds another `{`, and
// none is longer than this.
constexpr std::size_t kMaxAttributeList = 512;

std::size_t brace_end(std::string_view text, std::size_t open) {
    const std::size_t stop = std::min(text.size(), open + kMaxAttributeList);
    for (std::size_t i = open + 1; i < stop; ++i) {
        if (text[i] == '}') return i + 1;
        if (text[i] == '{') return std::string_view::npos;
    }
    return std::string_view::npos;
}

}  // namespace

bool is_mostly_html(std::string_view body) {
    std::size_t lines = 0;
    std::size_t tag_lines = 0;
    bool in_comment = false;  // a comment left open on an earlier line
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view line = body.substr(start, end - start);
        if (!is_blank(line)) {
            ++lines;
            if (in_comment || starts_with_tag(line)) ++tag_lines;
        }
        const std::size_t open = line.rfind("<!--");
        const std::size_t close = line.rfind("-->");
        if (open != std::string_view::npos && (close == std::string_view::npos || close < open))
            in_comment = true;
        else if (close != std::string_view::npos)
            in_comment = false;
        start = end + 1;
    }
    return lines > 0 && tag_lines * 2 > lines;
}

std::string markdown_to_html(std::string_view markdown, const MarkdownOptions& options) {
    if (markdown.substr(0, 3) == "\xEF\xBB\xBF") markdown.remove_prefix(3);
    if (!options.mostly_html) return render(markdown, kBaseFlags, 0);
    std::string html;
    html.reserve(markdown.size() + markdown.size() / 8);
    Renderer(html, kBaseFlags, 0).render_html_block(markdown);
    return html;
}

std::string strip_kramdown_spans(std::string_view text, bool heading) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '{' && i + 1 < text.size() && text[i + 1] == ':') {
            const std::size_t end = brace_end(text, i);
            if (end != std::string_view::npos) {  // `{:…}`, `{::…}`, `{:/…}`
                i = end;
                continue;
            }
        }
        if (c == '{' && heading && i + 1 < text.size() && (text[i + 1] == '#' || text[i + 1] == '.')) {
            const std::size_t end = brace_end(text, i);
            if (end != std::string_view::npos && text.find_first_not_of(" \t", end) == std::string_view::npos) {
                i = end;
                continue;
            }
        }
        if (c == '[' && i + 2 < text.size() && text[i + 1] == '^') {
            const std::size_t close = text.find(']', i + 2);
            if (close != std::string_view::npos && close > i + 2 &&
                text.substr(i + 2, close - i - 2).find_first_of(" \t\n[") == std::string_view::npos) {
                i = close + 1;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace idx::indexer
