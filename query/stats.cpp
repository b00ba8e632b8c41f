#include "query/stats.hpp"

#include <filesystem>

#include "common/records.hpp"
#include "common/schema.hpp"
#include "query/reader.hpp"

namespace idx::query {

IndexStats read_stats(const std::string& db_path) {
    return read_stats(single_database(db_path));
}

IndexStats read_stats(const DatabaseSet& databases) {
    Xapian::Database db = open_database_set(databases);
    IndexStats stats;
    stats.path = databases.name();
    stats.documents = db.get_doccount();
    stats.schema_version = db.get_metadata(std::string(schema::metadata::schema_version));
    stats.language = db.get_metadata(std::string(schema::metadata::language));
    stats.last_run = decode_run(db.get_metadata(std::string(schema::metadata::last_run)));
    stats.roots = decode_roots(db.get_metadata(std::string(schema::metadata::roots)));
    stats.failures = decode_failures(db.get_metadata(std::string(schema::metadata::failures)));
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
