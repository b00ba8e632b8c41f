#include "indexer/database.hpp"

#include <filesystem>
#include <system_error>

#include "common/error.hpp"

namespace idx::indexer {

Xapian::WritableDatabase open_for_writing(const std::string& path, bool wait_for_lock) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw Error("cannot create the database folder " + path + ": " + ec.message());
    int flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS;
    if (wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        return Xapian::WritableDatabase(path, flags);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error("the database " + path +
                        " is locked by another `idx add` (or `idx rm`); try again later, or use --wait to wait for it",
                    ExitCode::locked);
    } catch (const Xapian::DatabaseError& e) {
        throw Error("cannot open the database " + path + " for writing: " + e.get_description());
    }
}

}  // namespace idx::indexer
