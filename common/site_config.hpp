#pragma once
// A Jekyll site's settings that decide what its posts are to a reader: where
// each is served (url, baseurl, permalink), its language, whether posts dated
// in the future are published, and the timezone of its dates.
//
// They come from the site's `_config.yml` (parse_site_config(), pure; finding
// the file is indexer/site_finder's job) and the `site:` section of idx.yaml,
// which overrides any of them (apply_overrides()).

#include <optional>
#include <string>
#include <string_view>

namespace idx {

struct SiteConfig {
    std::string url;                 // scheme and host, no trailing '/': "https://www.ruby-lang.org"; "" unknown
    std::string baseurl;             // the path the site is served under: "" or "/blog" (no trailing '/')
    std::string permalink = "date";  // posts' URL style (date, pretty, ordinal, weekdate, none) or pattern
    std::string lang;                // the site's language ("en", "ja"); "" when it names none
    bool future = false;             // publish posts dated after the run (Jekyll's `future`)
    std::string timezone;            // IANA zone of dates written without an offset; "" when unset
};

// The `site:` section of idx.yaml: each key set there wins over _config.yml.
struct SiteOverrides {
    std::optional<std::string> url;
    std::optional<std::string> baseurl;
    std::optional<std::string> permalink;
    std::optional<std::string> lang;
    std::optional<bool> future;
    std::optional<std::string> timezone;
    bool read_jekyll_config = true;  // `jekyll_config: false`: ignore _config.yml files
};

// Reads a Jekyll `_config.yml`. Keys idx has no use for are ignored, as are
// keys of the wrong type (a site Jekyll builds may hold anything there); the
// posts collection's own permalink (`collections: posts: permalink:`) wins over
// the site-wide one, as in Jekyll. Throws idx::Error naming `source_name` and
// the line for text that is not YAML.
SiteConfig parse_site_config(std::string_view yaml_text, std::string_view source_name);

// `config` with each override that is set put in its place (normalised).
SiteConfig apply_overrides(SiteConfig config, const SiteOverrides& overrides);

// "https://example.org/" -> "https://example.org"; "blog/" -> "/blog"; "/" -> "".
std::string normalise_site_url(std::string_view url);
std::string normalise_baseurl(std::string_view baseurl);

// A stable text form of a SiteConfig, for fingerprints: a change to any field
// changes what the site's posts are, so they are read again.
std::string site_fingerprint(const SiteConfig& site);

// A stable text form of the overrides, for the settings fingerprint.
std::string overrides_fingerprint(const SiteOverrides& overrides);

}  // namespace idx
