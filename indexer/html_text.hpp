#pragma once
// HTML to plain text, with gumbo behind one pure function (string in, text
// out). Entities are decoded by gumbo, never by hand.

#include <cstddef>
#include <string>
#include <string_view>

namespace idx::indexer {

struct HtmlLimits {
    // gumbo 0.10 needs time and memory that grow much faster than the input
    // with nesting depth (gigabytes at 40,000 nested <div>s). Bodies whose
    // estimated depth passes this are not given to gumbo at all.
    std::size_t max_depth = 1000;
    // gumbo's tree takes many times the bytes of its input (docs/RELIABILITY.md
    // has the measurement), so larger bodies are not given to gumbo either:
    // this bounds what one post can cost, whatever max_file_size allows.
    std::size_t max_bytes = 2u * 1024 * 1024;
};

struct HtmlText {
    std::string text;            // words of the visible text; blocks end in '\n'
    bool used_fallback = false;  // too deep or too large for gumbo: tags were stripped instead
    bool too_large = false;      // the fallback was for size (over max_bytes), not depth
};

// The visible text of an HTML body. Contents of script, style, noscript,
// iframe, template, head, object, audio, video, canvas, svg and math are dropped;
// block elements and <br> become line breaks; other whitespace collapses to
// single spaces; URLs are dropped (drop_urls). Input must be valid UTF-8.
HtmlText html_to_text(std::string_view html, const HtmlLimits& limits = {});

// Removes the tags of HTML elements (`<em>`, `</b>`, `<br/>`) from one-line
// text such as a title; anything else in angle brackets (`vector<int>`, `a < b`)
// stays. Block elements leave a blank. Entities are left for decode_entities().
std::string strip_known_tags(std::string_view text);

// Takes out every word that is a URL (`https://…`, `//host/…`, `www.…`,
// `mailto:…`) with the blank before it: URLs are addresses, not words of the
// text, and their pieces (`wp`, `uploads`, `https`) would be searchable words.
void drop_urls(std::string& text);

// Decodes HTML character references (`&#8211;`, `&amp;`, `&eacute;`) in plain
// text, leaving anything that looks like a tag as literal text.
std::string decode_entities(std::string_view text);

// Deepest element nesting a parser could build from `html`, counting start tags
// that are not void elements (`<div/>` counts: HTML ignores the slash) and end
// tags that close them. An upper estimate: unclosed <p> or <li> count as nested.
std::size_t estimate_nesting_depth(std::string_view html);

}  // namespace idx::indexer
