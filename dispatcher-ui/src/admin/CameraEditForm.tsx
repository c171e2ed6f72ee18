// Editing one camera of the registry: its name, where it looks (bearing, field of view, range), layer and stream.
import { type Camera, CameraLayer, StreamKind, type UpdateCameraRequest } from '@hcm112/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { FieldInput, fieldError } from './FieldInput.tsx';
import { updateCamera } from './registry-api.ts';

export function CameraEditForm({
  camera,
  onSaved,
  onCancel,
}: {
  camera: Camera;
  onSaved: (camera: Camera) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form, setForm] = useState({
    name: camera.name,
    bearingDeg: String(camera.bearingDeg),
    fovDeg: String(camera.fovDeg),
    rangeM: String(camera.rangeM),
    layer: camera.layer,
    streamKind: camera.streamKind ?? '',
    streamUrl: camera.streamUrl ?? '',
  });
  const [error, setError] = useState<unknown>(null);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const change: UpdateCameraRequest = {
      name: form.name,
      bearingDeg: Number(form.bearingDeg),
      fovDeg: Number(form.fovDeg),
      rangeM: Number(form.rangeM),
      layer: form.layer,
      streamKind: (form.streamKind || null) as StreamKind | null,
      streamUrl: form.streamUrl.trim() || null,
    };
    try {
      onSaved(await updateCamera(camera.id, change));
    } catch (err) {
      setError(err);
    }
  };

  const number = (name: 'bearingDeg' | 'fovDeg' | 'rangeM') => (
    <FieldInput id={`camera-${name}`} label={t(`registry.camera.${name}`)} error={fieldError(error, name)}>
      <input id={`camera-${name}`} inputMode="decimal" required value={form[name]} onChange={set(name)} />
    </FieldInput>
  );

  return (
    <form className="admin-form" aria-labelledby="camera-edit-heading" onSubmit={submit}>
      <h2 id="camera-edit-heading">{t('registry.camera.edit.heading', { code: camera.code })}</h2>
      <div className="admin-form-row">
        <FieldInput id="camera-name" label={t('registry.camera.name')} error={fieldError(error, 'name')}>
          <input id="camera-name" required value={form.name} onChange={set('name')} />
        </FieldInput>
        {number('bearingDeg')}
        {number('fovDeg')}
        {number('rangeM')}
        <FieldInput id="camera-layer" label={t('registry.camera.layer')} error={fieldError(error, 'layer')}>
          <select id="camera-layer" value={form.layer} onChange={set('layer')}>
            {CameraLayer.options.map((l) => (
              <option key={l} value={l}>
                {t(`registry.camera.layer.${l}`)}
              </option>
            ))}
          </select>
        </FieldInput>
        <FieldInput
          id="camera-streamKind"
          label={t('registry.camera.streamKind')}
          error={fieldError(error, 'streamKind')}
        >
          <select id="camera-streamKind" value={form.streamKind} onChange={set('streamKind')}>
            <option value="">{t('registry.camera.noStream')}</option>
            {StreamKind.options.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </FieldInput>
        <FieldInput
          id="camera-streamUrl"
          label={t('registry.camera.streamUrl')}
          error={fieldError(error, 'streamUrl')}
        >
          <input id="camera-streamUrl" value={form.streamUrl} onChange={set('streamUrl')} />
        </FieldInput>
      </div>
      <div className="admin-form-row">
        <button type="submit" className="btn btn-primary">
          {t('registry.camera.edit.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
