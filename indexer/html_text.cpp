#include "indexer/html_text.hpp"

#include <gumbo.h>

#include <memory>
#include <vector>

#include "common/utf8.hpp"

namespace idx::indexer {
namespace {

struct GumboDeleter {
    void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboDeleter>;

GumboTree parse(std::string_view html) {
    return GumboTree(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
}

bool is_dropped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
            return true;
        default:
            return false;
    }
}

// Elements that separate words: text on either side never joins into one word.
bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_HGROUP:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_IMG:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_OPTION:
        case GUMBO_TAG_P:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_BODY:
        case GUMBO_TAG_HTML:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_MENU:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_IMAGE:
            return true;
        default:
            return false;
    }
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Character references such as &#27; or &#1; give control characters; in a
// title or snippet shown on a terminal they would be escape sequences.
bool is_control(char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

// Appends text with whitespace collapsed; block breaks become one '\n'.
class TextSink {
public:
    void text(std::string_view s) {
        for (const char c : s) {
            if (is_space(c) || is_control(c)) {
                if (!m_out.empty() && m_out.back() != ' ' && m_out.back() != '\n') m_pending_space = true;
                continue;
            }
            if (m_pending_space) m_out += ' ';
            m_pending_space = false;
            m_out += c;
        }
    }
    void block_break() {
        m_pending_space = false;
        if (m_out.empty()) return;
        if (m_out.back() == ' ') m_out.pop_back();
        if (m_out.back() != '\n') m_out += '\n';
    }
    // gumbo 0.10 turns an overflowing reference such as &#99999999999999999999;
    // into a stray byte: repaired here, since the output must be UTF-8.
    std::string take() {
        block_break();
        if (!m_out.empty() && m_out.back() == '\n') m_out.pop_back();
        return repair_utf8(m_out);
    }

private:
    std::string m_out;
    bool m_pending_space = false;
};

// Walks the tree without recursion (depth is bounded, but the stack of a
// worker thread is small and the fallback path must never be needed twice).
void collect_text(const GumboNode* root, TextSink& sink) {
    struct Frame {
        const GumboNode* node;
        unsigned next_child;
    };
    std::vector<Frame> stack{{root, 0}};
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const GumboNode* node = frame.node;
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
            sink.text(node->v.text.text);
            stack.pop_back();
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT &&
            node->type != GUMBO_NODE_TEMPLATE) {
            // A comment (`words.<!-- more -->Next`) keeps the words on either side apart.
            if (node->type == GUMBO_NODE_COMMENT) sink.text(" ");
            stack.pop_back();
            continue;
        }
        const bool element = node->type == GUMBO_NODE_ELEMENT;
        if (element && frame.next_child == 0) {
            if (is_dropped(node->v.element.tag)) {
                stack.pop_back();
                continue;
            }
            if (is_block(node->v.element.tag)) sink.block_break();
        }
        const GumboVector& children = element ? node->v.element.children : node->v.document.children;
        if (frame.next_child < children.length) {
            const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
            stack.push_back({child, 0});
            continue;
        }
        if (element && is_block(node->v.element.tag)) sink.block_break();
        stack.pop_back();
    }
}

bool is_void(std::string_view name) {
    static constexpr std::string_view kVoid[] = {"area", "base", "br",    "col",    "embed", "hr",  "img",   "input",
                                                 "link", "meta", "param", "source", "track", "wbr", "keygen"};
    for (const std::string_view v : kVoid) {
        if (name.size() == v.size()) {
            bool same = true;
            for (std::size_t i = 0; i < v.size() && same; ++i) same = (name[i] | 0x20) == v[i];
            if (same) return true;
        }
    }
    return false;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':';
}

// Plain tag stripping for bodies gumbo cannot take: drops <script>/<style>
// contents, comments and tags, then lets gumbo decode the entities of what is
// left (which has no tags, so no nesting).
std::string strip_tags(std::string_view html) {
    std::string out;
    out.reserve(html.size() / 2);
    std::size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c != '<') {
            out += c;
            ++i;
            continue;
        }
        if (html.substr(i, 4) == "<!--") {
            const std::size_t end = html.find("-->", i + 4);
            i = end == std::string_view::npos ? html.size() : end + 3;
            continue;
        }
        const std::size_t close = html.find('>', i + 1);
        if (close == std::string_view::npos) {  // a lone '<' is text
            out.append(html.substr(i));
            break;
        }
        std::size_t name_start = i + 1;
        const std::size_t name_end = [&] {
            std::size_t k = name_start;
            while (k < close && is_name_char(html[k])) ++k;
            return k;
        }();
        const std::string_view name = html.substr(name_start, name_end - name_start);
        const auto named = [&](std::string_view want) {
            if (name.size() != want.size()) return false;
            for (std::size_t k = 0; k < want.size(); ++k)
                if ((name[k] | 0x20) != want[k]) return false;
            return true;
        };
        i = close + 1;
        out += ' ';
        if (named("script") || named("style")) {
            const std::string end_tag = named("script") ? "</script" : "</style";
            std::size_t k = i;
            while (k < html.size()) {
                const std::size_t lt = html.find("</", k);
                if (lt == std::string_view::npos) {
                    k = html.size();
                    break;
                }
                bool match = true;
                for (std::size_t j = 0; j < end_tag.size() && match; ++j)
                    match = lt + j < html.size() && (html[lt + j] | 0x20) == (end_tag[j] | 0x20);
                if (match) {
                    k = lt;
                    break;
                }
                k = lt + 2;
            }
            i = k;
        }
    }
    TextSink sink;
    sink.text(decode_entities(out));
    return sink.take();
}

}  // namespace

std::size_t estimate_nesting_depth(std::string_view html) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    for (std::size_t i = html.find('<'); i != std::string_view::npos && i + 1 < html.size();
         i = html.find('<', i + 1)) {
        const bool end_tag = html[i + 1] == '/';
        const std::size_t name_start = i + (end_tag ? 2 : 1);
        std::size_t name_end = name_start;
        while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
        if (name_end == name_start) continue;
        if (end_tag) {
            if (depth > 0) --depth;
            continue;
        }
        if (is_void(html.substr(name_start, name_end - name_start))) continue;
        const std::size_t close = html.find('>', name_end);
        if (close == std::string_view::npos) break;
        ++depth;
        deepest = std::max(deepest, depth);
    }
    return deepest;
}

HtmlText html_to_text(std::string_view html, const HtmlLimits& limits) {
    HtmlText out;
    if (html.size() > limits.max_bytes) {
        out = {strip_tags(html), true, true};
    } else if (estimate_nesting_depth(html) > limits.max_depth) {
        out = {strip_tags(html), true, false};
    } else {
        const GumboTree tree = parse(html);
        TextSink sink;
        collect_text(tree->document, sink);
        out = {sink.take(), false, false};
    }
    drop_urls(out.text);
    return out;
}

std::string strip_known_tags(std::string_view text) {
    if (text.find('<') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t lt = text.find('<', i);
        if (lt == std::string_view::npos) break;
        out.append(text.substr(i, lt - i));
        i = lt + 1;
        std::size_t name_start = lt + 1;
        if (name_start < text.size() && text[name_start] == '/') ++name_start;
        std::size_t name_end = name_start;
        while (name_end < text.size() && is_name_char(text[name_end]) && text[name_end] != ':') ++name_end;
        const std::size_t close = text.find('>', name_end);
        const bool delimited =
            name_end < text.size() && (text[name_end] == '>' || text[name_end] == ' ' || text[name_end] == '/');
        if (name_end == name_start || !delimited || close == std::string_view::npos ||
            text.substr(name_end, close - name_end).find('<') != std::string_view::npos) {
            out += '<';
            continue;
        }
        const std::string name(text.substr(name_start, name_end - name_start));
        const GumboTag tag = gumbo_tag_enum(name.c_str());
        if (tag == GUMBO_TAG_UNKNOWN) {
            out += '<';
            continue;
        }
        if (is_block(tag)) out += ' ';
        i = close + 1;
    }
    out.append(text.substr(std::min(i, text.size())));
    return out;
}

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if ((s[i] | 0x20) != prefix[i]) return false;
    return true;
}

bool is_url_word(std::string_view word) {
    if (word.find("://") != std::string_view::npos) return true;
    while (!word.empty() && (word.front() == '(' || word.front() == '<' || word.front() == '"' || word.front() == '\''))
        word.remove_prefix(1);
    if (word.substr(0, 2) == "//" && word.size() > 2 && word[2] != '/' && word.find('.') != std::string_view::npos)
        return true;
    if (starts_with_nocase(word, "mailto:")) return true;
    return starts_with_nocase(word, "www.") && word.find('.', 4) != std::string_view::npos;
}

}  // namespace

void drop_urls(std::string& text) {
    if (text.find("://") == std::string::npos && text.find("//") == std::string::npos &&
        text.find("ww.") == std::string::npos && text.find("W.") == std::string::npos &&
        text.find("ailto:") == std::string::npos && text.find("AILTO:") == std::string::npos)
        return;
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\n') {
            out += c;
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
        const std::string_view word(text.data() + i, end - i);
        if (!is_url_word(word)) {
            out.append(word);
        } else if (!out.empty() && out.back() == ' ') {
            out.pop_back();  // the blank before it goes too
        }
        i = end;
    }
    // A URL that started a line or the text leaves a blank behind it.
    std::string tidy;
    tidy.reserve(out.size());
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (out[k] == ' ' && (tidy.empty() || tidy.back() == '\n')) continue;
        if (out[k] == '\n' && !tidy.empty() && tidy.back() == '\n') continue;
        tidy += out[k];
    }
    while (!tidy.empty() && (tidy.back() == ' ' || tidy.back() == '\n')) tidy.pop_back();
    text = std::move(tidy);
}

std::string decode_entities(std::string_view text) {
    if (text.find('&') == std::string_view::npos) return std::string(text);
    // Escape '<' so gumbo sees only character data: tags stay literal text.
    // A leading 'x' keeps leading blanks, which gumbo drops before <body>;
    // it is taken off again below.
    std::string escaped = "x";
    escaped.reserve(text.size() + 16);
    for (const char c : text) {
        if (c == '<')
            escaped += "&lt;";
        else
            escaped += c;
    }
    const GumboTree tree = parse(escaped);
    std::string out;
    const auto* html = tree->root;
    // document > html > (head, body) > text nodes
    for (unsigned i = 0; i < html->v.element.children.length; ++i) {
        const auto* part = static_cast<const GumboNode*>(html->v.element.children.data[i]);
        if (part->type != GUMBO_NODE_ELEMENT) continue;
        for (unsigned k = 0; k < part->v.element.children.length; ++k) {
            const auto* child = static_cast<const GumboNode*>(part->v.element.children.data[k]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) out += child->v.text.text;
        }
    }
    if (!out.empty() && out.front() == 'x') out.erase(0, 1);
    return repair_utf8(out);  // see TextSink::take(); control characters become spaces
}

}  // namespace idx::indexer
