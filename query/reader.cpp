#include "query/reader.hpp"

#include <sys/stat.h>

#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/schema.hpp"
#include "common/stop_words.hpp"

namespace idx::query {

Xapian::Database open_for_reading(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw Error("there is no index at " + path + " yet: run `idx add FOLDER` first (or give --db DIR)");
    try {
        return Xapian::Database(path);
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw Error(path + " holds no index: run `idx add FOLDER` first (or give --db DIR)");
    } catch (const Xapian::DatabaseError& e) {
        throw Error("cannot open the index at " + path + ": " + e.get_description(), ExitCode::io);
    }
}

IndexLanguage read_index_language(const Xapian::Database& db) {
    IndexLanguage out;
    const std::string language = db.get_metadata(std::string(schema::metadata::language));
    if (!language.empty()) out.language = language;
    const std::string words = db.get_metadata(std::string(schema::metadata::stop_words));
    if (words.empty()) {
        out.stop_words = builtin_stop_words(out.language);
        return out;
    }
    out.stop_words = split_lines(words);
    return out;
}

}  // namespace idx::query
