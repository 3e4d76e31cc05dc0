#include "deskstorage.h"

DeskStorage::~DeskStorage() = default;
