package dev.pillar.storage.adapters.http;

import dev.pillar.storage.application.bucket.CreateBucket;
import dev.pillar.storage.application.bucket.DeleteBucket;
import dev.pillar.storage.application.bucket.EmptyBucket;
import dev.pillar.storage.application.bucket.GetBucket;
import dev.pillar.storage.application.bucket.ListBuckets;
import dev.pillar.storage.application.bucket.UpdateBucket;
import dev.pillar.storage.application.health.CheckHealth;
import dev.pillar.storage.application.object.CopyObject;
import dev.pillar.storage.application.image.TransformImage;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.GetObjectInfo;
import dev.pillar.storage.application.object.ListObjectPage;
import dev.pillar.storage.application.object.ListObjects;
import dev.pillar.storage.application.object.MoveObject;
import dev.pillar.storage.application.object.RemoveObjects;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.application.signed.CreateSignedUploadUrl;
import dev.pillar.storage.application.signed.CreateSignedUrl;
import dev.pillar.storage.application.signed.CreateSignedUrls;
import dev.pillar.storage.application.signed.DownloadSignedObject;
import dev.pillar.storage.application.signed.UploadToSignedUrl;
import dev.pillar.storage.application.upload.CreateResumableUpload;
import dev.pillar.storage.application.upload.GetUploadStatus;
import dev.pillar.storage.application.upload.ReceiveUploadChunk;
import dev.pillar.storage.application.upload.TerminateUpload;

import java.util.Optional;

/**
 * Every use case the HTTP adapter exposes, wired by bootstrap. {@code transformImage} is empty when image
 * transformation is switched off; its routes are then not served at all, as in Supabase.
 */
public record UseCases(CreateBucket createBucket, ListBuckets listBuckets, GetBucket getBucket,
                       UpdateBucket updateBucket, DeleteBucket deleteBucket, EmptyBucket emptyBucket,
                       UploadObject uploadObject, DownloadObject downloadObject, RemoveObjects removeObjects,
                       ListObjects listObjects, GetObjectInfo getObjectInfo, ListObjectPage listObjectPage,
                       CopyObject copyObject, MoveObject moveObject, CheckHealth checkHealth,
                       CreateSignedUrl createSignedUrl, CreateSignedUrls createSignedUrls,
                       DownloadSignedObject downloadSignedObject, CreateSignedUploadUrl createSignedUploadUrl,
                       UploadToSignedUrl uploadToSignedUrl, Optional<TransformImage> transformImage,
                       CreateResumableUpload createResumableUpload, ReceiveUploadChunk receiveUploadChunk,
                       GetUploadStatus getUploadStatus, TerminateUpload terminateUpload) {
}
