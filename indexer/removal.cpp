#include "indexer/removal.hpp"

#include <algorithm>
#include <optional>

#include "common/records.hpp"
#include "common/schema.hpp"
#include "indexer/database.hpp"
#include "indexer/index_state.hpp"
#include "indexer/roots.hpp"

namespace idx::indexer {

RemoveReport remove_paths(const std::string& db_path, const std::vector<std::string>& paths, bool wait_for_lock) {
    require_index(db_path);
    WritableIndex index = open_for_writing(db_path, wait_for_lock);
    Xapian::WritableDatabase& db = index.db;
    std::vector<std::string> targets;
    for (const std::string& path : paths) targets.push_back(canonical_path(path));
    RemoveReport report;
    std::vector<bool> matched(targets.size(), false);
    for (const auto& [path, indexed] : load_index_state(db)) {
        bool match = false;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (!is_under(path, targets[i])) continue;
            matched[i] = true;
            match = true;
        }
        if (match) {
            db.delete_document(indexed.docid);
            ++report.removed;
        }
    }
    std::vector<std::string> roots = decode_roots(db.get_metadata(std::string(schema::metadata::roots)));
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto root = std::find(roots.begin(), roots.end(), targets[i]);
        if (root != roots.end()) {
            report.dropped_roots.push_back(*root);
            roots.erase(root);
        } else if (!matched[i]) {
            report.not_indexed.push_back(paths[i]);
        }
    }
    if (!report.dropped_roots.empty()) db.set_metadata(std::string(schema::metadata::roots), encode_roots(roots));
    db.commit();
    return report;
}

}  // namespace idx::indexer
