#include "common/site_config.hpp"

#include <yaml-cpp/yaml.h>

#include "common/error.hpp"

namespace idx {
namespace {

// The text of `map[key]` when it is a scalar; nothing for a missing, null,
// list or mapping value (Jekyll itself would stumble on those later, if ever).
std::optional<std::string> scalar_at(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node || !node.IsScalar()) return std::nullopt;
    return node.Scalar();
}

// Ruby truthiness, as Jekyll tests `site.future`: YAML's false and null are
// false; other words YAML reads as booleans (`no`, `off`) too; anything else set
// is true.
std::optional<bool> truthy_at(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node) return std::nullopt;
    if (node.IsNull()) return false;
    if (!node.IsScalar()) return true;
    bool value = false;
    if (YAML::convert<bool>::decode(node, value)) return value;
    return true;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

void put_field(std::string& out, std::string_view name, std::string_view value) {
    out += name;
    out += '=';
    out += value;
    out += '\n';
}

void put_optional(std::string& out, std::string_view name, const std::optional<std::string>& value) {
    if (value) put_field(out, name, *value);
}

}  // namespace

std::string normalise_site_url(std::string_view url) {
    std::string out = trim(url);
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
}

std::string normalise_baseurl(std::string_view baseurl) {
    std::string out = trim(baseurl);
    while (!out.empty() && out.back() == '/') out.pop_back();
    if (!out.empty() && out.front() != '/') out.insert(out.begin(), '/');
    return out;
}

SiteConfig parse_site_config(std::string_view yaml_text, std::string_view source_name) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::Exception& e) {
        std::string where(source_name);
        if (!e.mark.is_null()) where += ":" + std::to_string(e.mark.line + 1);
        throw Error(where + ": the Jekyll site configuration is not valid YAML: " + e.msg);
    }
    SiteConfig site;
    if (!root || root.IsNull()) return site;
    if (!root.IsMap())
        throw Error(std::string(source_name) + ": the Jekyll site configuration should be `key: value` lines");
    if (const auto url = scalar_at(root, "url")) site.url = normalise_site_url(*url);
    if (const auto baseurl = scalar_at(root, "baseurl")) site.baseurl = normalise_baseurl(*baseurl);
    if (const auto permalink = scalar_at(root, "permalink"); permalink && !trim(*permalink).empty())
        site.permalink = trim(*permalink);
    const YAML::Node collections = root["collections"];
    if (collections && collections.IsMap()) {
        const YAML::Node posts = collections["posts"];
        if (posts && posts.IsMap()) {
            if (const auto permalink = scalar_at(posts, "permalink"); permalink && !trim(*permalink).empty())
                site.permalink = trim(*permalink);
        }
    }
    if (const auto lang = scalar_at(root, "lang")) site.lang = trim(*lang);
    if (const auto future = truthy_at(root, "future")) site.future = *future;
    if (const auto timezone = scalar_at(root, "timezone")) site.timezone = trim(*timezone);
    return site;
}

SiteConfig apply_overrides(SiteConfig config, const SiteOverrides& overrides) {
    if (overrides.url) config.url = normalise_site_url(*overrides.url);
    if (overrides.baseurl) config.baseurl = normalise_baseurl(*overrides.baseurl);
    if (overrides.permalink) config.permalink = trim(*overrides.permalink);
    if (config.permalink.empty()) config.permalink = "date";
    if (overrides.lang) config.lang = trim(*overrides.lang);
    if (overrides.future) config.future = *overrides.future;
    if (overrides.timezone) config.timezone = trim(*overrides.timezone);
    return config;
}

std::string site_fingerprint(const SiteConfig& site) {
    std::string out;
    put_field(out, "url", site.url);
    put_field(out, "baseurl", site.baseurl);
    put_field(out, "permalink", site.permalink);
    put_field(out, "lang", site.lang);
    put_field(out, "future", site.future ? "true" : "false");
    put_field(out, "timezone", site.timezone);
    return out;
}

std::string overrides_fingerprint(const SiteOverrides& overrides) {
    std::string out;
    put_optional(out, "site.url", overrides.url);
    put_optional(out, "site.baseurl", overrides.baseurl);
    put_optional(out, "site.permalink", overrides.permalink);
    put_optional(out, "site.lang", overrides.lang);
    if (overrides.future) put_field(out, "site.future", *overrides.future ? "true" : "false");
    put_optional(out, "site.timezone", overrides.timezone);
    if (!overrides.read_jekyll_config) put_field(out, "site.jekyll_config", "false");
    return out;
}

}  // namespace idx
