package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.application.object.CopyObject;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.GetObjectInfo;
import dev.pillar.storage.application.object.ListObjectPage;
import dev.pillar.storage.application.object.ListObjects;
import dev.pillar.storage.application.object.MoveObject;
import dev.pillar.storage.application.object.RemoveObjects;
import dev.pillar.storage.application.object.UploadObject;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * The route table under {@code /object}. Order matters: fixed words ({@code list}, {@code list-v2},
 * {@code copy}, {@code move}, {@code info}, {@code public}, {@code authenticated}) are matched before the
 * catch-all {@code {bucket}/{+path}} routes.
 */
public final class ObjectRoutes implements HttpService {
    private final UploadHandler uploads;
    private final DownloadHandler downloads;
    private final RemovalHandler removals;
    private final ListHandler listing;
    private final PageHandler pages;
    private final InfoHandler info;
    private final TransferHandler transfers;

    public ObjectRoutes(Authenticator auth, UploadObject uploadObject, DownloadObject downloadObject,
                        RemoveObjects removeObjects, ListObjects listObjects, GetObjectInfo getObjectInfo,
                        ListObjectPage listObjectPage, CopyObject copyObject, MoveObject moveObject) {
        this.uploads = new UploadHandler(auth, uploadObject);
        this.downloads = new DownloadHandler(auth, downloadObject);
        this.removals = new RemovalHandler(auth, removeObjects);
        this.listing = new ListHandler(auth, listObjects);
        this.pages = new PageHandler(auth, listObjectPage);
        this.info = new InfoHandler(auth, getObjectInfo);
        this.transfers = new TransferHandler(auth, copyObject, moveObject);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/object/list/{bucket}", listing::list)
                .post("/object/list-v2/{bucket}", pages::list)
                .post("/object/copy", transfers::copy)
                .post("/object/move", transfers::move)
                .get("/object/info/public/{bucket}/{+path}", info::ofPublic)
                .get("/object/info/authenticated/{bucket}/{+path}", info::authenticated)
                .get("/object/info/{bucket}/{+path}", info::authenticated)
                .get("/object/public/{bucket}/{+path}", downloads::handlePublic)
                .head("/object/public/{bucket}/{+path}", downloads::handlePublic)
                .get("/object/authenticated/{bucket}/{+path}", downloads::handle)
                .head("/object/authenticated/{bucket}/{+path}", downloads::handle)
                .delete("/object/{bucket}", removals::removeMany)
                .post("/object/{bucket}/{+path}", uploads::create)
                .put("/object/{bucket}/{+path}", uploads::update)
                .get("/object/{bucket}/{+path}", downloads::handle)
                .head("/object/{bucket}/{+path}", downloads::handle)
                .delete("/object/{bucket}/{+path}", removals::removeOne);
    }
}
