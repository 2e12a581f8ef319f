package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.ListObjects;
import dev.pillar.storage.application.object.RemoveObjects;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.application.signed.CreateSignedUploadUrl;
import dev.pillar.storage.application.signed.CreateSignedUrl;
import dev.pillar.storage.application.signed.CreateSignedUrls;
import dev.pillar.storage.application.signed.DownloadSignedObject;
import dev.pillar.storage.application.signed.UploadToSignedUrl;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * The route table under {@code /object}. Order matters: fixed words ({@code list},
 * {@code authenticated}, {@code sign}, {@code upload/sign}) are matched before the catch-all
 * {@code {bucket}/{+path}} routes.
 */
public final class ObjectRoutes implements HttpService {
    private final UploadHandler uploads;
    private final DownloadHandler downloads;
    private final RemovalHandler removals;
    private final ListHandler listing;
    private final SignedUrlHandler signedUrls;
    private final SignedUploadHandler signedUploads;

    public ObjectRoutes(Authenticator auth, UploadObject uploadObject, DownloadObject downloadObject,
                        RemoveObjects removeObjects, ListObjects listObjects, Jwt jwt, CreateSignedUrl createSignedUrl,
                        CreateSignedUrls createSignedUrls, DownloadSignedObject downloadSignedObject,
                        CreateSignedUploadUrl createSignedUploadUrl, UploadToSignedUrl uploadToSignedUrl) {
        this.uploads = new UploadHandler(auth, uploadObject);
        this.downloads = new DownloadHandler(auth, downloadObject);
        this.removals = new RemovalHandler(auth, removeObjects);
        this.listing = new ListHandler(auth, listObjects);
        SignedUrlTokens tokens = new SignedUrlTokens(jwt);
        this.signedUrls = new SignedUrlHandler(auth, tokens, createSignedUrl, createSignedUrls, downloadSignedObject);
        this.signedUploads = new SignedUploadHandler(auth, tokens, createSignedUploadUrl, uploadToSignedUrl);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/object/list/{bucket}", listing::list)
                .get("/object/authenticated/{bucket}/{+path}", downloads::handle)
                .head("/object/authenticated/{bucket}/{+path}", downloads::handle)
                .post("/object/sign/{bucket}/{+path}", signedUrls::signOne)
                .post("/object/sign/{bucket}", signedUrls::signMany)
                .get("/object/sign/{bucket}/{+path}", signedUrls::download)
                .head("/object/sign/{bucket}/{+path}", signedUrls::download)
                .post("/object/upload/sign/{bucket}/{+path}", signedUploads::sign)
                .put("/object/upload/sign/{bucket}/{+path}", signedUploads::upload)
                .delete("/object/{bucket}", removals::removeMany)
                .post("/object/{bucket}/{+path}", uploads::create)
                .put("/object/{bucket}/{+path}", uploads::update)
                .get("/object/{bucket}/{+path}", downloads::handle)
                .head("/object/{bucket}/{+path}", downloads::handle)
                .delete("/object/{bucket}/{+path}", removals::removeOne);
    }
}
