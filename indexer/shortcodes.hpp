#pragma once
// Blog-engine markup that is not HTML: WordPress shortcodes (`[ad_1]`,
// `[caption id=...]...[/caption]`, `[embed]URL[/embed]`) and Liquid tags
// (`{% ... %}`, `{{ ... }}`). Removed before the HTML parser sees the body.

#include <string>
#include <string_view>
#include <vector>

namespace idx::indexer {

// Removes shortcode tags whose name is known to WordPress or its common
// plugins (or listed in `extra_names`). The tags go; enclosed prose such as a
// caption stays; enclosed media (`embed`, `video`, `audio`, `gallery`, ...)
// goes with its tags, since it is a URL or an id, not text. Bracketed text that
// is not a known shortcode (`[1]`, `[sic]`) is kept. In Markdown (`markdown`
// true), `[video](…)`, `[video][ref]` and `[video]: …` are links, not
// shortcodes: shortcodes are a WordPress thing.
std::string strip_shortcodes(std::string_view body, const std::vector<std::string>& extra_names = {},
                             bool markdown = false);

// Stands for the value of a Liquid output (`{{ release.version }}`), which idx
// cannot know, in what strip_liquid() returns for a body: unlike a blank it
// keeps the Markdown around it whole (`**{{ x }}**` is still emphasis, a link
// to `…/blob/{{ tag }}/NEWS.md` still a link); erase_liquid_values() takes it
// out of the rendered HTML. The ASCII control SUB: it never occurs in text
// (repair_utf8 would have made it a blank), and md4c takes it for an ordinary
// character (U+E000, tried first, made md4c 0.4.8 misread a later code fence).
inline constexpr std::string_view kLiquidValue = "\x1A";

enum class LiquidTarget {
    markdown,  // a Markdown body: `{% highlight %}` becomes a fenced code block
    html,      // an HTML body: `{% highlight %}` becomes <pre>
    text,      // a title or other one-line text: every tag and output is a blank
};

// Removes Liquid as Jekyll renders it: tags output nothing (in `text`, a
// blank), outputs become kLiquidValue, `{% comment %}` blocks go whole, and
// `{% raw %}…{% endraw %}` keeps its content as written: it is literal text on
// the page.
std::string strip_liquid(std::string_view body, LiquidTarget target = LiquidTarget::text);

// Erases every kLiquidValue from `text`.
void erase_liquid_values(std::string& text);

}  // namespace idx::indexer
