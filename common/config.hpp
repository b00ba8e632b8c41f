#pragma once
// Settings from idx.yaml. parse_config() is pure (text in, struct out); finding
// and reading the file is the CLI's job. IndexSettings are the settings that
// shape the index: their fingerprint is stored in the database, and a change
// makes the next `idx add` reindex everything.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/site_config.hpp"

namespace idx {

// Front matter keys read for each field, first present wins; matched without
// regard to case. The defaults cover WordPress exports and plain Jekyll.
struct KeyMapping {
    std::vector<std::string> title{"post_title", "title"};
    std::vector<std::string> date{"post_date", "date"};
    std::vector<std::string> author{"author", "post_author"};
    std::vector<std::string> categories{"original_cats", "categories", "category"};
    std::vector<std::string> tags{"tags", "original_tags"};
    std::vector<std::string> url{"permalink", "canonical_url", "link"};
    std::vector<std::string> id{"ID", "wordpress_id", "id"};
    std::vector<std::string> published{"published"};  // `false` marks a draft
    std::vector<std::string> lang{"lang"};            // the post's language code
};

struct IndexSettings {
    KeyMapping keys;
    // The language of posts that name none (and whose site names none): a
    // code (en, ja) or Snowball name (english), or "none" (common/language.hpp).
    std::string language = "english";
    std::vector<std::string> stop_words;  // empty: the built-in list for the language
    unsigned title_weight = 5;            // within-document frequency of each title word
    std::vector<std::string> shortcodes;  // extra WordPress shortcode names to strip
    bool split_authors = true;            // "A and B", "A, B", "A & B": two authors
    SiteOverrides site;                   // `site:`: wins over each Jekyll site's _config.yml
};

// The largest max_file_size idx accepts: what one post may cost in memory
// grows with its size, and docs/RELIABILITY.md states the bound for this.
inline constexpr std::uint64_t kMaxFileSizeCeiling = 64u * 1024 * 1024;
// Posts larger than this are skipped unless idx.yaml raises max_file_size.
inline constexpr std::uint64_t kDefaultMaxFileSize = 16u * 1024 * 1024;

// `serve:` in idx.yaml: how `idx serve` listens (its options win).
struct ServeSettings {
    std::string listen = "127.0.0.1:8080";
    unsigned threads = 32;
    unsigned max_waiting = 96;
    std::string base_path;
    std::string cors;
    bool log_queries = false;
};

// The most changesets a writer may keep: each holds what one commit changed
// (a full build's is as large as the database).
inline constexpr unsigned kMaxChangesets = 1000;

// The most shard databases one database folder may hold (common/shards.hpp).
inline constexpr unsigned kMaxShards = 64;

struct Config {
    // `db:` — a folder, or a list of folders and `tcp:HOST:PORT` remotes that
    // reading commands search as one (common/database_set.hpp); empty: unset.
    std::vector<std::string> db;
    std::optional<unsigned> connect_timeout_ms;  // `connect_timeout:` in seconds, for remote databases
    bool allow_partial = false;                  // `allow_partial:` answer from the members that answer
    std::vector<std::string> roots;              // folders `idx add` indexes when given none
    IndexSettings index;
    std::uint64_t max_file_size = kDefaultMaxFileSize;
    unsigned jobs = 0;    // 0: one per core
    bool future = false;  // index posts dated after the run, as Jekyll's `future: true`
    // Changesets each commit of a writer keeps for xapian-replicate (docs/SCALING.md): 0, none.
    unsigned changesets = 0;
    // `shards:` — shard databases `idx add` keeps under the database folder
    // (common/shards.hpp); unset: as many as the folder holds (1 for a new one).
    std::optional<unsigned> shards;
    ServeSettings serve;
};

// Parses idx.yaml text. Throws idx::Error naming `source_name` and the line
// for YAML that does not parse, unknown keys and values of the wrong type.
Config parse_config(std::string_view yaml_text, std::string_view source_name);

// A stable text form of everything in IndexSettings plus the schema version.
std::string settings_fingerprint(const IndexSettings& settings);

// The stop words in effect: settings.stop_words, else the built-in list.
std::vector<std::string> effective_stop_words(const IndexSettings& settings);

// Parses a timeout in seconds (`2`, `0.5`, `2s`) to milliseconds: from 1 ms
// to 10 minutes, else nothing.
std::optional<unsigned> parse_timeout_ms(std::string_view text);

// Parses sizes such as `16MiB`, `300k`, `1048576`.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace idx
