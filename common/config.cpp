#include "common/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/error.hpp"
#include "common/language.hpp"
#include "common/schema.hpp"
#include "common/stop_words.hpp"

namespace idx {
namespace {

// Errors name the file and line so the user can go straight to the fix.
[[noreturn]] void fail(std::string_view source, const YAML::Node& node, const std::string& what) {
    const YAML::Mark mark = node.Mark();
    std::string where(source);
    if (!mark.is_null()) where += ":" + std::to_string(mark.line + 1);
    throw Error(where + ": " + what);
}

std::string scalar(std::string_view source, const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) fail(source, node, "'" + key + "' should be a single value");
    return node.Scalar();
}

std::vector<std::string> string_list(std::string_view source, const YAML::Node& node, const std::string& key) {
    std::vector<std::string> out;
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) out.push_back(scalar(source, item, key));
    } else if (!node.IsNull()) {
        fail(source, node, "'" + key + "' should be a list of words");
    }
    return out;
}

unsigned small_number(std::string_view source, const YAML::Node& node, const std::string& key, unsigned max) {
    const std::string text = scalar(source, node, key);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > max)
        fail(source, node, "'" + key + "' should be a whole number from 0 to " + std::to_string(max));
    return value;
}

bool yes_or_no(std::string_view source, const YAML::Node& node, const std::string& key) {
    const std::string text = scalar(source, node, key);
    if (text == "true" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "no" || text == "off") return false;
    fail(source, node, "'" + key + "' should be true or false");
}

void parse_fields(std::string_view source, const YAML::Node& node, KeyMapping& keys) {
    if (!node.IsMap()) fail(source, node, "'fields' should map a field name to front matter keys");
    for (const auto& entry : node) {
        const std::string field = entry.first.Scalar();
        std::vector<std::string> list = string_list(source, entry.second, "fields." + field);
        if (field == "title")
            keys.title = std::move(list);
        else if (field == "date")
            keys.date = std::move(list);
        else if (field == "author")
            keys.author = std::move(list);
        else if (field == "categories")
            keys.categories = std::move(list);
        else if (field == "tags")
            keys.tags = std::move(list);
        else if (field == "url")
            keys.url = std::move(list);
        else if (field == "id")
            keys.id = std::move(list);
        else if (field == "published")
            keys.published = std::move(list);
        else if (field == "lang")
            keys.lang = std::move(list);
        else
            fail(source, entry.first,
                 "unknown field '" + field +
                     "' (known: title, date, author, categories, tags, url, id, published, lang)");
    }
}

bool boolean(std::string_view source, const YAML::Node& node, const std::string& key) {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
        fail(source, node, "'" + key + "' should be true or false");
    return value;
}

// `site:` overrides what each Jekyll site's _config.yml says.
void parse_site(std::string_view source, const YAML::Node& node, SiteOverrides& site) {
    if (node.IsNull()) return;
    if (!node.IsMap()) fail(source, node, "'site' should map settings such as url: and permalink: to values");
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        const std::string name = "site." + key;
        if (key == "url")
            site.url = scalar(source, entry.second, name);
        else if (key == "baseurl")
            site.baseurl = scalar(source, entry.second, name);
        else if (key == "permalink")
            site.permalink = scalar(source, entry.second, name);
        else if (key == "lang")
            site.lang = scalar(source, entry.second, name);
        else if (key == "timezone")
            site.timezone = scalar(source, entry.second, name);
        else if (key == "future")
            site.future = boolean(source, entry.second, name);
        else if (key == "jekyll_config")
            site.read_jekyll_config = boolean(source, entry.second, name);
        else
            fail(source, entry.first,
                 "unknown site setting '" + key +
                     "' (known: url, baseurl, permalink, lang, future, timezone, jekyll_config)");
    }
}

void parse_serve(std::string_view source, const YAML::Node& node, ServeSettings& serve) {
    if (node.IsNull()) return;
    if (!node.IsMap()) fail(source, node, "'serve' should map settings such as listen: and threads: to values");
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        const std::string name = "serve." + key;
        if (key == "listen")
            serve.listen = scalar(source, entry.second, name);
        else if (key == "threads")
            serve.threads = std::max(1u, small_number(source, entry.second, name, 1024));
        else if (key == "max_waiting")
            serve.max_waiting = small_number(source, entry.second, name, 65536);
        else if (key == "base_path")
            serve.base_path = scalar(source, entry.second, name);
        else if (key == "cors")
            serve.cors = scalar(source, entry.second, name);
        else if (key == "log_queries")
            serve.log_queries = boolean(source, entry.second, name);
        else
            fail(source, entry.first,
                 "unknown serve setting '" + key +
                     "' (known: listen, threads, max_waiting, base_path, cors, log_queries)");
    }
}

void append_list(std::string& out, std::string_view name, const std::vector<std::string>& list) {
    out += name;
    out += '=';
    for (const std::string& item : list) {
        out += item;
        out += '\x1f';
    }
    out += '\n';
}

}  // namespace

std::optional<unsigned> parse_timeout_ms(std::string_view text) {
    if (!text.empty() && text.back() == 's') text.remove_suffix(1);
    double seconds = 0;
    const auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || rest != text.data() + text.size() || !(seconds >= 0.001) || seconds > 600)
        return std::nullopt;
    return static_cast<unsigned>(seconds * 1000 + 0.5);
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
    std::uint64_t value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    const auto [rest, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || rest == begin) return std::nullopt;
    std::string unit(rest, end);
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    std::uint64_t scale = 1;
    if (unit.empty() || unit == "b")
        scale = 1;
    else if (unit == "k" || unit == "kb" || unit == "kib")
        scale = 1024;
    else if (unit == "m" || unit == "mb" || unit == "mib")
        scale = 1024 * 1024;
    else if (unit == "g" || unit == "gb" || unit == "gib")
        scale = 1024ull * 1024 * 1024;
    else
        return std::nullopt;
    if (value > UINT64_MAX / scale) return std::nullopt;
    return value * scale;
}

Config parse_config(std::string_view yaml_text, std::string_view source_name) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::Exception& e) {
        throw Error(std::string(source_name) + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    Config config;
    if (root.IsNull()) return config;
    if (!root.IsMap()) fail(source_name, root, "the configuration should be a mapping of settings");
    for (const auto& entry : root) {
        const std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        if (key == "db") {
            config.db = string_list(source_name, value, key);
            if (config.db.empty())
                fail(source_name, entry.first, "'db' should name a database folder (or a list of them)");
        } else if (key == "connect_timeout") {
            config.connect_timeout_ms = parse_timeout_ms(scalar(source_name, value, key));
            if (!config.connect_timeout_ms)
                fail(source_name, value, "'connect_timeout' should be seconds from 0.001 to 600, such as 2 or 0.5");
        } else if (key == "allow_partial") {
            config.allow_partial = boolean(source_name, value, key);
        } else if (key == "roots") {
            config.roots = string_list(source_name, value, key);
        } else if (key == "language") {
            config.index.language = scalar(source_name, value, key);
            if (!resolve_language(config.index.language))
                fail(source_name, value,
                     "'language' should be a language code (en, de, ja, zh_cn), a Snowball stemmer name (" +
                         Xapian::Stem::get_available_languages() + ") or none");
        } else if (key == "future") {
            config.future = yes_or_no(source_name, value, key);
        } else if (key == "stop_words") {
            config.index.stop_words = string_list(source_name, value, key);
        } else if (key == "title_weight") {
            config.index.title_weight = small_number(source_name, value, key, 100);
        } else if (key == "shortcodes") {
            config.index.shortcodes = string_list(source_name, value, key);
        } else if (key == "split_authors") {
            config.index.split_authors = yes_or_no(source_name, value, key);
        } else if (key == "changesets") {
            config.changesets = small_number(source_name, value, key, kMaxChangesets);
        } else if (key == "shards") {
            const unsigned shards = small_number(source_name, value, key, kMaxShards);
            if (shards == 0)
                fail(source_name, value, "'shards' should be a whole number from 1 to " + std::to_string(kMaxShards));
            config.shards = shards;
        } else if (key == "jobs") {
            config.jobs = small_number(source_name, value, key, 256);
        } else if (key == "max_file_size") {
            const auto size = parse_byte_size(scalar(source_name, value, key));
            if (!size) fail(source_name, value, "'max_file_size' should be a size such as 16MiB");
            if (*size > kMaxFileSizeCeiling)
                fail(source_name, value,
                     "'max_file_size' can be at most 64MiB (idx add's memory bound, docs/RELIABILITY.md)");
            config.max_file_size = *size;
        } else if (key == "fields") {
            parse_fields(source_name, value, config.index.keys);
        } else if (key == "site") {
            parse_site(source_name, value, config.index.site);
        } else if (key == "serve") {
            parse_serve(source_name, value, config.serve);
        } else {
            fail(source_name, entry.first,
                 "unknown setting '" + key +
                     "' (known: db, connect_timeout, allow_partial, roots, language, stop_words, title_weight, "
                     "shortcodes, split_authors, jobs, max_file_size, future, changesets, shards, fields, site, "
                     "serve)");
        }
    }
    return config;
}

std::string settings_fingerprint(const IndexSettings& settings) {
    std::string out = "schema=" + std::to_string(schema::kVersion) + "\n";
    const KeyMapping& k = settings.keys;
    append_list(out, "title", k.title);
    append_list(out, "date", k.date);
    append_list(out, "author", k.author);
    append_list(out, "categories", k.categories);
    append_list(out, "tags", k.tags);
    append_list(out, "url", k.url);
    append_list(out, "id", k.id);
    append_list(out, "published", k.published);
    append_list(out, "lang", k.lang);
    out += "language=" + settings.language + "\n";
    out += "title_weight=" + std::to_string(settings.title_weight) + "\n";
    append_list(out, "shortcodes", settings.shortcodes);
    out += std::string("split_authors=") + (settings.split_authors ? "true" : "false") + "\n";
    out += overrides_fingerprint(settings.site);
    return out;
}

std::vector<std::string> effective_stop_words(const IndexSettings& settings) {
    if (!settings.stop_words.empty()) return settings.stop_words;
    return builtin_stop_words(settings.language);
}

}  // namespace idx
