/* gdalapi.h: GDAL, opened the first time a run needs it (internal).
 *
 * A default run writes every layer with our own writers (textlayer.h,
 * shapefile.h) and never calls GDAL; linked, GDAL made every process load it
 * and the 115 libraries it needs: on a 2 MB run about 150 M of its 1,090 M
 * instructions were the dynamic linker binding GDAL's symbols and their
 * static constructors (libde265 ...), and 30 MB of its peak memory (#17). So
 * libgdal is not linked: gm__gdal_load opens it (dlopen) when a format only
 * GDAL writes, the PostGIS sink, a merge or an export asks for it, and each
 * GDAL function the project calls is reached through gm__gdal, filled then.
 *
 * The code calls GDAL by GDAL's names: the macros at the end point them at
 * the table. A function is added by listing it in GM__GDAL_FUNCTIONS and
 * giving it a macro (a call to one left out fails to link, since no GDAL is
 * linked; a macro without its entry fails to compile). Every GDAL header the
 * project uses is included here, before the macros, so none is read after
 * them. */
#ifndef GM_GDALAPI_H
#define GM_GDALAPI_H

#include "geomention.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#define GM__GDAL_FUNCTIONS(X)                                                                                        \
	X(CPLErrorReset) X(CPLGetErrorHandlerUserData) X(CPLGetLastErrorMsg) X(CPLGetLastErrorType)                     \
	X(CPLPopErrorHandler) X(CPLPushErrorHandler) X(CPLPushErrorHandlerEx) X(CPLQuietErrorHandler) X(VSIFree)       \
	X(CSLDestroy) X(CSLSetNameValue)                                                                               \
	X(GDALAllRegister) X(GDALClose) X(GDALCreate) X(GDALOpenEx) X(GDALVersionInfo) X(GDALGetDriver)                \
	X(GDALGetDriverByName) X(GDALGetDriverCount) X(GDALGetDriverShortName) X(GDALGetMetadataItem)                  \
	X(GDALDatasetCommitTransaction) X(GDALDatasetCopyLayer) X(GDALDatasetCreateLayer) X(GDALDatasetExecuteSQL)     \
	X(GDALDatasetGetLayer) X(GDALDatasetGetLayerByName) X(GDALDatasetGetLayerCount)                                \
	X(GDALDatasetReleaseResultSet) X(GDALDatasetRollbackTransaction) X(GDALDatasetStartTransaction)                \
	X(OGR_F_Create) X(OGR_F_Destroy) X(OGR_F_GetFieldAsDateTimeEx) X(OGR_F_GetFieldAsInteger64)                    \
	X(OGR_F_GetFieldAsString) X(OGR_F_GetFieldCount) X(OGR_F_GetFieldDefnRef) X(OGR_F_GetFieldIndex)               \
	X(OGR_F_IsFieldSetAndNotNull) X(OGR_F_SetFieldDateTime) X(OGR_F_SetFieldInteger64) X(OGR_F_SetFieldNull)       \
	X(OGR_F_SetFieldString) X(OGR_F_SetGeometryDirectly)                                                           \
	X(OGR_Fld_Create) X(OGR_Fld_Destroy) X(OGR_Fld_GetType) X(OGR_Fld_SetWidth)                                    \
	X(OGR_G_CreateGeometry) X(OGR_G_SetPoint_2D)                                                                   \
	X(OGR_L_CreateFeature) X(OGR_L_CreateField) X(OGR_L_GetLayerDefn) X(OGR_L_GetNextFeature)                      \
	X(OSRExportToWktEx) X(OSRNewSpatialReference) X(OSRRelease) X(OSRSetAxisMappingStrategy) X(OSRSetFromUserInput)

/* The functions, once gm__gdal_load has succeeded (NULL before). */
struct gm__gdal_api {
#define GM__GDAL_MEMBER(f) __typeof__(f) *f;
	GM__GDAL_FUNCTIONS(GM__GDAL_MEMBER)
#undef GM__GDAL_MEMBER
};
extern struct gm__gdal_api gm__gdal;

/* GDAL opened, its functions found and its drivers registered: once for the
 * process, from any thread; later calls give the first one's answer. An
 * error (no libgdal, a function missing) is GM_EGDAL, saying which. */
int gm__gdal_load(gm_error *err);
/* Whether gm__gdal_load has succeeded (no loading). */
int gm__gdal_loaded(void);

#ifndef GM__GDAL_LOADER   /* (gdalapi.c names the members themselves) */
#define CPLErrorReset (gm__gdal.CPLErrorReset)
#define CPLGetErrorHandlerUserData (gm__gdal.CPLGetErrorHandlerUserData)
#define CPLGetLastErrorMsg (gm__gdal.CPLGetLastErrorMsg)
#define CPLGetLastErrorType (gm__gdal.CPLGetLastErrorType)
#define CPLPopErrorHandler (gm__gdal.CPLPopErrorHandler)
#define CPLPushErrorHandler (gm__gdal.CPLPushErrorHandler)
#define CPLPushErrorHandlerEx (gm__gdal.CPLPushErrorHandlerEx)
#define CPLQuietErrorHandler (gm__gdal.CPLQuietErrorHandler)
#define VSIFree (gm__gdal.VSIFree)
#define CSLDestroy (gm__gdal.CSLDestroy)
#define CSLSetNameValue (gm__gdal.CSLSetNameValue)
#define GDALAllRegister (gm__gdal.GDALAllRegister)
#define GDALClose (gm__gdal.GDALClose)
#define GDALCreate (gm__gdal.GDALCreate)
#define GDALOpenEx (gm__gdal.GDALOpenEx)
#define GDALVersionInfo (gm__gdal.GDALVersionInfo)
#define GDALGetDriver (gm__gdal.GDALGetDriver)
#define GDALGetDriverByName (gm__gdal.GDALGetDriverByName)
#define GDALGetDriverCount (gm__gdal.GDALGetDriverCount)
#define GDALGetDriverShortName (gm__gdal.GDALGetDriverShortName)
#define GDALGetMetadataItem (gm__gdal.GDALGetMetadataItem)
#define GDALDatasetCommitTransaction (gm__gdal.GDALDatasetCommitTransaction)
#define GDALDatasetCopyLayer (gm__gdal.GDALDatasetCopyLayer)
#define GDALDatasetCreateLayer (gm__gdal.GDALDatasetCreateLayer)
#define GDALDatasetExecuteSQL (gm__gdal.GDALDatasetExecuteSQL)
#define GDALDatasetGetLayer (gm__gdal.GDALDatasetGetLayer)
#define GDALDatasetGetLayerByName (gm__gdal.GDALDatasetGetLayerByName)
#define GDALDatasetGetLayerCount (gm__gdal.GDALDatasetGetLayerCount)
#define GDALDatasetReleaseResultSet (gm__gdal.GDALDatasetReleaseResultSet)
#define GDALDatasetRollbackTransaction (gm__gdal.GDALDatasetRollbackTransaction)
#define GDALDatasetStartTransaction (gm__gdal.GDALDatasetStartTransaction)
#define OGR_F_Create (gm__gdal.OGR_F_Create)
#define OGR_F_Destroy (gm__gdal.OGR_F_Destroy)
#define OGR_F_GetFieldAsDateTimeEx (gm__gdal.OGR_F_GetFieldAsDateTimeEx)
#define OGR_F_GetFieldAsInteger64 (gm__gdal.OGR_F_GetFieldAsInteger64)
#define OGR_F_GetFieldAsString (gm__gdal.OGR_F_GetFieldAsString)
#define OGR_F_GetFieldCount (gm__gdal.OGR_F_GetFieldCount)
#define OGR_F_GetFieldDefnRef (gm__gdal.OGR_F_GetFieldDefnRef)
#define OGR_F_GetFieldIndex (gm__gdal.OGR_F_GetFieldIndex)
#define OGR_F_IsFieldSetAndNotNull (gm__gdal.OGR_F_IsFieldSetAndNotNull)
#define OGR_F_SetFieldDateTime (gm__gdal.OGR_F_SetFieldDateTime)
#define OGR_F_SetFieldInteger64 (gm__gdal.OGR_F_SetFieldInteger64)
#define OGR_F_SetFieldNull (gm__gdal.OGR_F_SetFieldNull)
#define OGR_F_SetFieldString (gm__gdal.OGR_F_SetFieldString)
#define OGR_F_SetGeometryDirectly (gm__gdal.OGR_F_SetGeometryDirectly)
#define OGR_Fld_Create (gm__gdal.OGR_Fld_Create)
#define OGR_Fld_Destroy (gm__gdal.OGR_Fld_Destroy)
#define OGR_Fld_GetType (gm__gdal.OGR_Fld_GetType)
#define OGR_Fld_SetWidth (gm__gdal.OGR_Fld_SetWidth)
#define OGR_G_CreateGeometry (gm__gdal.OGR_G_CreateGeometry)
#define OGR_G_SetPoint_2D (gm__gdal.OGR_G_SetPoint_2D)
#define OGR_L_CreateFeature (gm__gdal.OGR_L_CreateFeature)
#define OGR_L_CreateField (gm__gdal.OGR_L_CreateField)
#define OGR_L_GetLayerDefn (gm__gdal.OGR_L_GetLayerDefn)
#define OGR_L_GetNextFeature (gm__gdal.OGR_L_GetNextFeature)
#define OSRExportToWktEx (gm__gdal.OSRExportToWktEx)
#define OSRNewSpatialReference (gm__gdal.OSRNewSpatialReference)
#define OSRRelease (gm__gdal.OSRRelease)
#define OSRSetAxisMappingStrategy (gm__gdal.OSRSetAxisMappingStrategy)
#define OSRSetFromUserInput (gm__gdal.OSRSetFromUserInput)
#endif

#endif
