#pragma once
// A Jekyll post's URL, formed as Jekyll forms it (Jekyll 4's Document#url,
// URL and UrlDrop): the permalink style or pattern with its placeholders filled
// from the file's path, name and date and the front matter, each value
// escaped, then site url and baseurl in front. Pure: the caller has read the
// front matter and the site's _config.yml.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/post_date.hpp"
#include "common/site_config.hpp"

namespace idx::indexer {

struct PermalinkInput {
    // The file's path relative to the site's folder:
    // "en/news/_posts/2024-12-25-ruby-3-4-0-released.md".
    std::string_view relative_path;
    // The post's own `permalink:` when it has one that is not a full URL: a
    // pattern with the same placeholders. Empty: the site's rule.
    std::string_view own_permalink;
    // Front matter `categories:` (a string is split at blanks, as Jekyll does)
    // and `category:` (one value), in the order Jekyll adds them after the
    // folders above `_posts`.
    std::vector<std::string> categories;
    std::vector<std::string> category;
    std::string_view slug;         // front matter `slug:`; empty: from the file name
    std::string_view lang;         // front matter `lang:`, else the site's (for :lang)
    std::optional<PostDate> date;  // the post's date (front matter, else file name)
};

// True when the file is in a `_posts` or `_drafts` folder: a post to Jekyll.
bool is_jekyll_post(std::string_view relative_path);

// The Jekyll pattern a permalink style names (`date`, `pretty`, `ordinal`,
// `weekdate`, `none`); any other text is a pattern already and comes back as is.
std::string permalink_pattern(std::string_view style);

// The post's path on the site, e.g. "/en/news/2024/12/25/ruby-3-4-0-released/".
// Posts outside a `_posts` (or `_drafts`) folder are pages to Jekyll and get a
// page's URL: "/about.html", or "/about/" with the `pretty` style.
std::string jekyll_path(const PermalinkInput& input, const SiteConfig& site);

// url + baseurl + jekyll_path(): the address a reader opens.
std::string jekyll_url(const PermalinkInput& input, const SiteConfig& site);

// True for "https://…", "mailto:…", "//host/…": a URL that needs no site in front.
bool is_absolute_url(std::string_view url);

// Jekyll's slugify in its "pretty" (cased) and "default" (lower-cased) modes:
// runs of characters other than letters, digits (and, pretty, ._~!$&'()+,;=@)
// become one '-', leading and trailing '-' go. Bytes of multi-byte UTF-8
// characters count as letters.
std::string slugify(std::string_view text, bool pretty);

// Jekyll's URL escaping of a placeholder's value: bytes outside
// A-Za-z0-9-._~!$&'()*+,;=:@/ become %XX.
std::string escape_path(std::string_view value);

}  // namespace idx::indexer
