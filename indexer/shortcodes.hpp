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
// is not a known shortcode (`[1]`, `[sic]`) is kept.
std::string strip_shortcodes(std::string_view body, const std::vector<std::string>& extra_names = {});

// Removes Liquid tags and output markup; `{% comment %}` blocks go whole.
std::string strip_liquid(std::string_view body);

}  // namespace idx::indexer
