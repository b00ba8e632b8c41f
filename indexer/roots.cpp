#include "indexer/roots.hpp"

#include <algorithm>
#include <filesystem>

#include <sys/stat.h>

#include "common/error.hpp"
#include "common/local_database.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "indexer/database.hpp"
#include "indexer/index_state.hpp"

namespace idx::indexer {
namespace {

bool under_any(const std::string& path, const std::vector<std::string>& roots) {
    for (const std::string& root : roots)
        if (is_under(path, root)) return true;
    return false;
}

}  // namespace

void require_index(const std::string& db_path) {
    if (!local_database_exists(db_path)) {
        throw Error(
            "there is no index at " + db_path + " (nothing was changed): run `idx add FOLDER` first, or give --db DIR",
            ExitCode::partial);
    }
}

std::string canonical_path(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
    if (ec) return path;
    std::filesystem::path resolved = std::filesystem::weakly_canonical(absolute, ec);
    std::string out = ec ? absolute.string() : resolved.string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

std::vector<RootInfo> list_roots(const std::string& db_path) {
    if (read_shard_count(db_path)) {  // every shard records the roots: the posts are summed
        std::vector<RootInfo> all;
        for (const std::string& shard : database_folders(db_path)) {
            for (RootInfo& root : list_roots(shard)) {
                const auto same = std::find_if(all.begin(), all.end(),
                                               [&](const RootInfo& known) { return known.path == root.path; });
                if (same == all.end())
                    all.push_back(std::move(root));
                else
                    same->posts += root.posts;
            }
        }
        std::sort(all.begin(), all.end(), [](const RootInfo& a, const RootInfo& b) { return a.path < b.path; });
        return all;
    }
    require_index(db_path);
    const Xapian::Database db = open_for_reading(db_path);
    std::vector<RootInfo> roots;
    for (std::string& path : decode_roots(db.get_metadata(std::string(schema::metadata::roots)))) {
        RootInfo info;
        struct stat st {};
        info.exists = ::stat(path.c_str(), &st) == 0;
        info.path = std::move(path);
        roots.push_back(std::move(info));
    }
    for (const auto& [path, indexed] : load_index_state(db)) {
        for (RootInfo& root : roots)
            if (is_under(path, root.path)) ++root.posts;
    }
    return roots;
}

namespace {

// Forgets `root` in one database; the documents removed. Throws as drop_root.
std::size_t drop_root_in(Xapian::WritableDatabase& db, const std::string& root) {
    std::vector<std::string> roots = decode_roots(db.get_metadata(std::string(schema::metadata::roots)));
    // The folder as recorded: as given, or in its canonical form.
    std::string target = root;
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    auto it = std::find(roots.begin(), roots.end(), target);
    if (it == roots.end()) it = std::find(roots.begin(), roots.end(), canonical_path(root));
    if (it == roots.end())
        throw Error(root + " is not a recorded folder (nothing was changed); `idx roots` lists them",
                    ExitCode::partial);
    target = *it;
    roots.erase(it);

    std::size_t removed = 0;
    for (const auto& [path, indexed] : load_index_state(db)) {
        if (is_under(path, target) && !under_any(path, roots)) {
            db.delete_document(indexed.docid);
            ++removed;
        }
    }
    std::vector<FailureRecord> failures = decode_failures(db.get_metadata(std::string(schema::metadata::failures)));
    std::erase_if(failures,
                  [&](const FailureRecord& f) { return is_under(f.path, target) && !under_any(f.path, roots); });
    db.set_metadata(std::string(schema::metadata::failures), encode_failures(failures));
    db.set_metadata(std::string(schema::metadata::roots), encode_roots(roots));
    db.commit();
    return removed;
}

}  // namespace

std::size_t drop_root(const std::string& db_path, const std::string& root, bool wait_for_lock) {
    if (read_shard_count(db_path)) {
        // Every shard records the same folders; all are locked before any changes.
        const WriterLock folder_lock(db_path, wait_for_lock);  // as idx add holds it over all shards
        std::vector<WritableIndex> shards;
        for (const std::string& shard : database_folders(db_path)) {
            require_index(shard);
            shards.push_back(open_for_writing(shard, wait_for_lock));
        }
        std::size_t removed = 0;
        for (WritableIndex& shard : shards) removed += drop_root_in(shard.db, root);
        return removed;
    }
    require_index(db_path);
    WritableIndex index = open_for_writing(db_path, wait_for_lock);
    return drop_root_in(index.db, root);
}

}  // namespace idx::indexer
