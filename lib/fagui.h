/*
 * fagui.h - the one header that indexer/ and searchd/ include: the shared
 * core of Fagui (text, documents, the Xapian binding, the index term scheme,
 * search, citations).
 */
#ifndef FAGUI_H
#define FAGUI_H

#include "base.h"
#include "text.h"
#include "doc.h"
#include "xap.h"
#include "json.h"
#include "index.h"
#include "build.h"
#include "search.h"
#include "conflict.h"
#include "similar.h"
#include "versions.h"
#include "catalogue_list.h"
#include "cite.h"
#include "cleanup.h"

#define FAGUI_VERSION "0.1.0"

#endif
