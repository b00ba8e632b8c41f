#include "query/stats.hpp"

#include <filesystem>

#include "common/local_database.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "query/reader.hpp"

namespace idx::query {

IndexStats read_stats(const std::string& db_path) {
    Xapian::Database db = open_for_reading(db_path);
    IndexStats stats;
    stats.path = db_path;
    stats.documents = db.get_doccount();
    stats.schema_version = db.get_metadata(std::string(schema::metadata::schema_version));
    stats.language = db.get_metadata(std::string(schema::metadata::language));
    stats.last_run = decode_run(db.get_metadata(std::string(schema::metadata::last_run)));
    stats.roots = decode_roots(db.get_metadata(std::string(schema::metadata::roots)));
    stats.failures = decode_failures(db.get_metadata(std::string(schema::metadata::failures)));
    for (Xapian::TermIterator it = db.spellings_begin(); it != db.spellings_end(); ++it) ++stats.spelling_words;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(db_path, ec)) {
        if (entry.is_regular_file(ec)) stats.bytes_on_disk += entry.file_size(ec);
    }
    return stats;
}

}  // namespace idx::query
