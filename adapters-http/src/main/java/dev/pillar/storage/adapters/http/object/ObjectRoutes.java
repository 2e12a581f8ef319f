package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.ListObjects;
import dev.pillar.storage.application.object.RemoveObjects;
import dev.pillar.storage.application.object.UploadObject;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * The route table under {@code /object}. Order matters: fixed words ({@code list},
 * {@code authenticated}) are matched before the catch-all {@code {bucket}/{+path}} routes.
 */
public final class ObjectRoutes implements HttpService {
    private final UploadHandler uploads;
    private final DownloadHandler downloads;
    private final RemovalHandler removals;
    private final ListHandler listing;

    public ObjectRoutes(Authenticator auth, UploadObject uploadObject, DownloadObject downloadObject,
                        RemoveObjects removeObjects, ListObjects listObjects) {
        this.uploads = new UploadHandler(auth, uploadObject);
        this.downloads = new DownloadHandler(auth, downloadObject);
        this.removals = new RemovalHandler(auth, removeObjects);
        this.listing = new ListHandler(auth, listObjects);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/object/list/{bucket}", listing::list)
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
