#include "query/stats.hpp"

#include <filesystem>
#include <map>
#include <set>

#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "query/reader.hpp"

namespace idx::query {
namespace {

// A set's metadata is its first member's (Xapian's rule), but each shard
// records the failures of its own posts, and each database of a set its own
// roots: the set's are all of them, once each, in order.
class RootsAndFailures {
public:
    void add(const Xapian::Database& db) {
        for (std::string& root : decode_roots(db.get_metadata(std::string(schema::metadata::roots))))
            m_roots.insert(std::move(root));
        for (FailureRecord& failure : decode_failures(db.get_metadata(std::string(schema::metadata::failures))))
            m_failures.try_emplace(failure.path, std::move(failure));
    }

    void move_into(IndexStats& stats) {
        stats.roots.assign(m_roots.begin(), m_roots.end());
        for (auto& [path, failure] : m_failures) stats.failures.push_back(std::move(failure));
    }

private:
    std::set<std::string> m_roots;
    std::map<std::string, FailureRecord> m_failures;  // by path
};

}  // namespace

IndexStats read_stats(const std::string& db_path) {
    return read_stats(single_database(db_path));
}

IndexStats read_stats(const DatabaseSet& named) {
    const DatabaseSet databases = expand_shards(named);  // the shards as they are now
    Xapian::Database db = open_database_set(databases);
    IndexStats stats;
    stats.path = databases.name();
    stats.documents = db.get_doccount();
    stats.schema_version = db.get_metadata(std::string(schema::metadata::schema_version));
    stats.language = db.get_metadata(std::string(schema::metadata::language));
    stats.last_run = decode_run(db.get_metadata(std::string(schema::metadata::last_run)));
    RootsAndFailures members;
    if (databases.members.size() == 1) {
        members.add(db);
    } else {
        for (const DatabaseSpec& member : databases.members) {
            DatabaseSet alone = databases;
            alone.members = {member};
            members.add(open_database_set(alone));
        }
    }
    members.move_into(stats);
    const std::string spelling(schema::prefix::spelling);  // the dictionary query/spelling.cpp reads
    for (Xapian::TermIterator it = db.allterms_begin(spelling); it != db.allterms_end(spelling); ++it)
        ++stats.spelling_words;
    for (const DatabaseSpec& member : databases.members) {
        if (member.remote()) continue;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(member.path, ec)) {
            if (entry.is_regular_file(ec)) stats.bytes_on_disk += entry.file_size(ec);
        }
    }
    return stats;
}

}  // namespace idx::query
