#include "indexer/site_finder.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace idx::indexer {
namespace fs = std::filesystem;

namespace {

// Jekyll's own order of names (TOML sites are not read: idx has no TOML parser).
constexpr const char* kConfigNames[] = {"_config.yml", "_config.yaml"};

std::string config_in(const fs::path& folder) {
    for (const char* name : kConfigNames) {
        std::error_code ec;
        const fs::path candidate = folder / name;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    return {};
}

std::string read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) throw Error("cannot read the Jekyll site configuration " + path, ExitCode::io);
    return text.str();
}

}  // namespace

Site find_site(const std::string& indexed_path, const SiteOverrides& overrides) {
    std::error_code ec;
    fs::path start(indexed_path);
    if (!fs::is_directory(start, ec)) start = start.parent_path();
    Site site;
    site.root = start.string();
    if (overrides.read_jekyll_config) {
        for (fs::path folder = start; !folder.empty(); folder = folder.parent_path()) {
            site.config_file = config_in(folder);
            if (!site.config_file.empty()) {
                site.root = folder.string();
                site.config = parse_site_config(read_whole(site.config_file), site.config_file);
                break;
            }
            if (folder == folder.root_path()) break;
        }
    }
    if (site.config_file.empty()) {
        // `idx add blog/_posts` with no _config.yml: the site is the folder
        // holding `_posts`, so the posts' paths below it are Jekyll's.
        for (fs::path folder = start; folder.has_relative_path(); folder = folder.parent_path()) {
            if (folder.filename() == "_posts" || folder.filename() == "_drafts") {
                site.root = folder.parent_path().string();
                break;
            }
        }
    }
    site.config = apply_overrides(std::move(site.config), overrides);
    site.known = !site.config_file.empty() || overrides.url || overrides.baseurl || overrides.permalink;
    return site;
}

}  // namespace idx::indexer
